package dev.bookingsinvoicing.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;

/** Peak resident set size (VmHWM) and heap of this JVM, with a reset between sizes. */
final class Footprint {

    private Footprint() {
    }

    /** Resets VmHWM (Linux: writing 5 to clear_refs) and the heap pools' peaks; false if the kernel refused. */
    static boolean resetPeaks() {
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
        try {
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    static double peakRssMiB() {
        return statusKb("VmHWM:") / 1024.0;
    }

    static double rssMiB() {
        return statusKb("VmRSS:") / 1024.0;
    }

    /** Sum of the heap pools' peaks since the last reset (an upper bound of the peak heap in use). */
    static double peakHeapMiB() {
        long bytes = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                bytes += pool.getPeakUsage().getUsed();
            }
        }
        return bytes / 1024.0 / 1024.0;
    }

    /** Heap in use after a full collection: the live set (what the data held at this moment really costs). */
    static double liveHeapMiB() {
        System.gc();
        return heapUsedMiB();
    }

    static double heapUsedMiB() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1024.0 / 1024.0;
    }

    private static long statusKb(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
