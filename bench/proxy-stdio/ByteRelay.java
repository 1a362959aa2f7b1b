import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The floor of any stdio relay process, for the benchmark only: copies bytes between its stdio and a child's,
 * one blocking thread per direction, parsing nothing. Run as {@code java ByteRelay.java <command> [args...]}.
 */
public class ByteRelay {
    public static void main(String[] command) throws IOException {
        Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        OutputStream toClient = new FileOutputStream(FileDescriptor.out);
        Thread.ofPlatform().daemon(true).start(() -> copy(child.getInputStream(), toClient));
        copy(new FileInputStream(FileDescriptor.in), child.getOutputStream());
        child.destroy();
    }

    private static void copy(InputStream in, OutputStream out) {
        byte[] buffer = new byte[1 << 16];
        try {
            int read;
            while ((read = in.read(buffer)) > 0) {
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException e) {
            // one side has gone: the benchmark run is over
        }
    }
}
