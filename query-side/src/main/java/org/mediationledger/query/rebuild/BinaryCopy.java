package org.mediationledger.query.rebuild;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads PostgreSQL's binary COPY format (the "Binary Format" of the COPY command's documentation): a
 * signature and header, then per row a 16-bit field count and per field a 32-bit length (-1 for NULL)
 * and its bytes in the type's binary form, then a field count of -1.
 */
final class BinaryCopy {

    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0};

    private BinaryCopy() {
    }

    static void skipHeader(DataInputStream in) throws IOException {
        byte[] signature = new byte[SIGNATURE.length];
        in.readFully(signature);
        if (!Arrays.equals(signature, SIGNATURE)) {
            throw new IOException("not PostgreSQL's binary COPY format");
        }
        in.readInt(); // flags: bit 16 (OIDs) is never set by COPY (SELECT …)
        in.skipNBytes(in.readInt());
    }

    /** Whether a row follows (false at the trailer); a row must have {@code fields} fields. */
    static boolean nextRow(DataInputStream in, int fields) throws IOException {
        short count;
        try {
            count = in.readShort();
        } catch (EOFException end) {
            throw new IOException("the COPY ended without its trailer", end);
        }
        if (count == -1) {
            return false;
        }
        if (count != fields) {
            throw new IOException("a row of " + count + " fields where " + fields + " were expected");
        }
        return true;
    }

    static long bigint(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length != 8) {
            throw new IOException("a bigint of " + length + " bytes");
        }
        return in.readLong();
    }

    /** A text or varchar field (UTF-8, the database's encoding); null for NULL. */
    static String text(DataInputStream in) throws IOException {
        byte[] bytes = bytes(in);
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    /** A field's bytes (a bytea's are its contents); null for NULL. */
    static byte[] bytes(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length == -1) {
            return null;
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return bytes;
    }
}
