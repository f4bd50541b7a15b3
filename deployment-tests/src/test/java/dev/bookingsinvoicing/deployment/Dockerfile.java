package dev.bookingsinvoicing.deployment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** docker/Dockerfile as text: its ARG defaults, ENV names, COPY instructions and the rest of its lines. */
final class Dockerfile {

    private static final Pattern ARG = Pattern.compile("^ARG\\s+([A-Z_]+)(?:=(\\S+))?\\s*$", Pattern.MULTILINE);
    private static final Pattern ENV_NAME = Pattern.compile("(?:^ENV\\s+|^\\s+)([A-Z_]+)=");
    private static final Pattern COPY = Pattern.compile("^COPY\\s+(?!--from)(\\S+)\\s+(\\S+)\\s*$", Pattern.MULTILINE);

    final String text;

    private Dockerfile(String text) {
        this.text = text;
    }

    static Dockerfile read() {
        return new Dockerfile(Repository.read("docker/Dockerfile"));
    }

    /** ARG name -> default (null when it has none); the last declaration wins, as in the last stage. */
    Map<String, String> argDefaults() {
        Map<String, String> args = new LinkedHashMap<>();
        Matcher m = ARG.matcher(text);
        while (m.find()) {
            if (m.group(2) != null || !args.containsKey(m.group(1))) {
                args.put(m.group(1), m.group(2));
            }
        }
        return args;
    }

    /** Names the image sets with ENV (visible to the container's processes, so a compose file may set them too). */
    List<String> envNames() {
        List<String> names = new ArrayList<>();
        boolean inEnv = false;
        for (String line : text.split("\n")) {
            if (line.startsWith("ENV ")) {
                inEnv = true;
            }
            if (inEnv) {
                Matcher m = ENV_NAME.matcher(line);
                while (m.find()) {
                    names.add(m.group(1));
                }
                // an instruction goes on while its line ends with a backslash
                inEnv = line.stripTrailing().endsWith("\\");
            }
        }
        return names;
    }

    /** COPY source -> destination (build-context copies only, not --from=build). */
    Map<String, String> copies() {
        Map<String, String> copies = new LinkedHashMap<>();
        Matcher m = COPY.matcher(text);
        while (m.find()) {
            copies.put(m.group(1), m.group(2));
        }
        return copies;
    }
}
