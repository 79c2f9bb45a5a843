package org.jobstream.query;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class QueryServiceApp {

    public static void main(String[] args) {
        SpringApplication.run(QueryServiceApp.class, args);
    }
}
