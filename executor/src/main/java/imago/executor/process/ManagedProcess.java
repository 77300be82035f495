package imago.executor.process;

import java.nio.file.Path;

/**
 * A child process the executor started: its role name, the OS process, the port it serves on (0
 * when none) and the file its output goes to.
 */
public record ManagedProcess(String name, Process process, int port, Path log) {

    public long pid() {
        return process.pid();
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** Why it failed, as its output says: the first exception line, else the last lines. */
    public String failure() {
        try {
            for (String line : java.nio.file.Files.readAllLines(log)) {
                if (line.contains("Exception") || line.contains("Error:")) {
                    return line.trim();
                }
            }
        } catch (java.io.IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
        return tail().replace('\n', ' ');
    }

    /** The last lines of its output, for error messages. */
    public String tail() {
        try {
            java.util.List<String> lines = java.nio.file.Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 8), lines.size()));
        } catch (java.io.IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }
}
