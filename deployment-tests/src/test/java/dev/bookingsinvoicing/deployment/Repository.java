package dev.bookingsinvoicing.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The repository this module is built in: its root, modules, version and files. */
final class Repository {

    private static final Pattern MODULE = Pattern.compile("<module>([^<]+)</module>");
    private static final Pattern START_CLASS = Pattern.compile("<start-class>([^<]+)</start-class>");

    private Repository() {
    }

    /** The folder holding the root pom and docker-compose.yml (tests run in deployment-tests/). */
    static Path root() {
        Path dir = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize();
        while (dir != null) {
            if (Files.exists(dir.resolve("docker-compose.yml")) && Files.exists(dir.resolve("pom.xml"))) {
                return dir;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("no docker-compose.yml above " + System.getProperty("basedir"));
    }

    static Path file(String relative) {
        return root().resolve(relative);
    }

    static String read(String relative) {
        try {
            return Files.readString(file(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The modules of the root pom's reactor. */
    static List<String> modules() {
        List<String> modules = new ArrayList<>();
        Matcher m = MODULE.matcher(read("pom.xml"));
        while (m.find()) {
            modules.add(m.group(1).trim());
        }
        return modules;
    }

    /** The main class a module's pom names for its runnable jar (the Spring Boot parent's start-class property). */
    static String startClass(String module) {
        Matcher m = START_CLASS.matcher(read(module + "/pom.xml"));
        return m.find() ? m.group(1).trim() : null;
    }

    /** The root pom's own version (the first <version> after its artifactId), which every module inherits. */
    static String version() {
        String pom = read("pom.xml");
        int artifact = pom.indexOf("<artifactId>bookings-invoicing</artifactId>");
        Matcher m = Pattern.compile("<version>([^<]+)</version>").matcher(pom);
        return m.find(artifact) ? m.group(1).trim() : null;
    }
}
