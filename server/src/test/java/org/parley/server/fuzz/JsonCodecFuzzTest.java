package org.parley.server.fuzz;

import java.nio.charset.StandardCharsets;

import org.parley.protocol.JsonCodec;
import org.parley.protocol.ProtocolException;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * The JSON codec, both directions: any text either decodes to a message that round-trips, or is refused with
 * BAD_REQUEST/UNKNOWN_TYPE in the server's own words. No other exception may escape.
 */
class JsonCodecFuzzTest {
    private final JsonCodec codec = new JsonCodec();

    @FuzzTest
    void decodesOrRefusesAnyText(byte[] input) throws ProtocolException {
        String text = new String(input, StandardCharsets.UTF_8);
        try {
            WireInvariants.roundTrips(codec, codec.decodeRequest(text));
        } catch (ProtocolException e) {
            WireInvariants.refusal(e);
        }
        try {
            WireInvariants.roundTrips(codec, codec.decodeServerMessage(text));
        } catch (ProtocolException e) {
            WireInvariants.refusal(e);
        }
    }
}
