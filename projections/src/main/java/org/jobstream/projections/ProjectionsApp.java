package org.jobstream.projections;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class ProjectionsApp {

    public static void main(String[] args) {
        SpringApplication.run(ProjectionsApp.class, args);
    }
}
