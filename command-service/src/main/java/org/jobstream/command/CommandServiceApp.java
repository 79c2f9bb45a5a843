package org.jobstream.command;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class CommandServiceApp {

    public static void main(String[] args) {
        SpringApplication.run(CommandServiceApp.class, args);
    }
}
