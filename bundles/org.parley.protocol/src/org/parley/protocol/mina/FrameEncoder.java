package org.parley.protocol.mina;

import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.codec.ProtocolEncoderAdapter;
import org.apache.mina.filter.codec.ProtocolEncoderOutput;
import org.parley.protocol.JsonCodec;
import org.parley.protocol.Message;

/** Writes a {@link Message} or a pre-encoded {@link EncodedFrame} as one newline-terminated line. */
final class FrameEncoder extends ProtocolEncoderAdapter {
    private final JsonCodec json;

    FrameEncoder(JsonCodec json) {
        this.json = json;
    }

    @Override
    public void encode(IoSession session, Object message, ProtocolEncoderOutput out) {
        byte[] bytes;
        if (message instanceof EncodedFrame frame) {
            bytes = frame.bytes();
        } else if (message instanceof Message m) {
            bytes = json.encodeFrame(m);
        } else {
            throw new IllegalArgumentException("cannot encode " + message.getClass().getName());
        }
        out.write(IoBuffer.wrap(bytes));
    }
}
