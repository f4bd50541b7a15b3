package dev.bookingsinvoicing.deployment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * docker/Dockerfile as text: its ARG defaults, ENV names, COPY instructions, the layers it copies from the build stage,
 * its HEALTHCHECK and ENTRYPOINT commands, and the rest of its lines.
 */
final class Dockerfile {

    private static final Pattern ARG = Pattern.compile("^ARG\\s+([A-Z_]+)(?:=(\\S+))?\\s*$", Pattern.MULTILINE);
    private static final Pattern ENV_NAME = Pattern.compile("(?:^ENV\\s+|^\\s+)([A-Z_]+)=");
    private static final Pattern COPY = Pattern.compile("^COPY\\s+(?!--from)(\\S+)\\s+(\\S+)\\s*$", Pattern.MULTILINE);
    private static final Pattern LAYER_COPY =
            Pattern.compile("^COPY\\s+--from=build\\s+\\S*/extracted/([a-z-]+)/\\s+\\./\\s*$", Pattern.MULTILINE);
    private static final Pattern WORKDIR = Pattern.compile("^WORKDIR\\s+(\\S+)\\s*$", Pattern.MULTILINE);

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

    /** The layers of the extracted jar that the runtime stage copies from the build stage, in its order. */
    List<String> layerCopies() {
        List<String> layers = new ArrayList<>();
        Matcher m = LAYER_COPY.matcher(text);
        while (m.find()) {
            layers.add(m.group(1));
        }
        return layers;
    }

    /** The working directory of the last stage (where the layers land and the entrypoint runs). */
    String workdir() {
        Matcher m = WORKDIR.matcher(text);
        String workdir = null;
        while (m.find()) {
            workdir = m.group(1);
        }
        return workdir;
    }

    /** The shell command of HEALTHCHECK ... CMD (shell form: Docker runs it with /bin/sh -c). */
    String healthcheckCommand() {
        String instruction = instruction("HEALTHCHECK");
        return instruction.substring(instruction.indexOf(" CMD ") + " CMD ".length()).strip();
    }

    /** The ENTRYPOINT's exec-form array. */
    List<String> entrypoint() {
        String json = instruction("ENTRYPOINT").substring("ENTRYPOINT".length()).strip();
        return JsonMapper.builder().build().readValue(json, new TypeReference<List<String>>() { });
    }

    /** An instruction with its continuation lines joined (a line ending in a backslash goes on). */
    private String instruction(String keyword) {
        StringBuilder instruction = null;
        for (String line : text.split("\n")) {
            if (instruction == null && line.startsWith(keyword + " ")) {
                instruction = new StringBuilder();
            }
            if (instruction != null) {
                String stripped = line.strip();
                if (!stripped.endsWith("\\")) {
                    return instruction.append(stripped).toString();
                }
                instruction.append(stripped, 0, stripped.length() - 1).append(' ');
            }
        }
        throw new IllegalStateException("docker/Dockerfile has no " + keyword);
    }

    /** COPY source -> destination of the image (its last stage) from the build context, not --from=build. */
    Map<String, String> copies() {
        Map<String, String> copies = new LinkedHashMap<>();
        Matcher m = COPY.matcher(text.substring(text.lastIndexOf("\nFROM ")));
        while (m.find()) {
            copies.put(m.group(1), m.group(2));
        }
        return copies;
    }
}
