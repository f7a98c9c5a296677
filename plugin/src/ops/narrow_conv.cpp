// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
#include "ops/narrow_conv.hpp"

#include <immintrin.h>
#include <omp.h>

#include <algorithm>

namespace aecv::ops {

using dnnl::memory;

namespace {

constexpr int kLanes = 16;

// Output pixels [x0, x0 + 16 V) of row y, channels 0..OC-1 (row pointers `out[k]`), from planar
// input `in` ([C][H][W]), weights `w` ([C][KH][KW][OC]) and bias `b`: OC x V accumulators stay in
// registers over all C x KH x KW taps, each tap one piece of one input row (few pages, few cache
// lines: a whole-row walk over C x KH rows of 1920 pixels missed the TLB on every load).
// Masked: at the image border or the end of the range, loads outside the row read 0 and stores
// stop at xEnd.
template <int OC, int V, bool Masked>
__attribute__((target("avx512f"), always_inline)) inline void convBlock(const float* in, int C, int H, int W,
                                                                          const Window2d& win, int y, const float* w,
                                                                          const float* b, float* const* out, int x0,
                                                                          int xEnd) {
    const int KH = win.kernelH, KW = win.kernelW;
    __m512 acc[OC][V];
    for (int k = 0; k < OC; ++k)
        for (int j = 0; j < V; ++j) acc[k][j] = _mm512_set1_ps(b[k]);
    __mmask16 mask[8][V];  // per kernel column and vector: the lanes whose input column is inside
    if (Masked)
        for (int kx = 0; kx < KW; ++kx)
            for (int j = 0; j < V; ++j) {
                unsigned m = 0;
                for (int l = 0; l < kLanes; ++l) {
                    const int ox = x0 + j * kLanes + l, ix = ox + kx - win.padLeft;
                    if (ix >= 0 && ix < W && ox < xEnd) m |= 1u << l;
                }
                mask[kx][j] = static_cast<__mmask16>(m);
            }
    for (int c = 0; c < C; ++c)
        for (int ky = 0; ky < KH; ++ky) {
            const int iy = y + ky - win.padTop;
            if (iy < 0 || iy >= H) continue;  // zero padding: nothing to add
            const float* row = in + (static_cast<size_t>(c) * H + static_cast<size_t>(iy)) * W;
            const float* tap = w + ((static_cast<size_t>(c) * KH + ky) * KW) * OC;
            for (int kx = 0; kx < KW; ++kx, tap += OC) {
                const float* p = row + x0 + kx - win.padLeft;
                __m512 wk[OC];
                for (int k = 0; k < OC; ++k) wk[k] = _mm512_set1_ps(tap[k]);
                // The C x KH rows are too many streams for the hardware prefetcher: fetch this
                // tap's piece of the block after next while this one computes.
                if (kx == 0)
                    for (int j = 0; j < V; ++j) _mm_prefetch(reinterpret_cast<const char*>(p + (2 * V + j) * kLanes), _MM_HINT_T0);
                for (int j = 0; j < V; ++j) {
                    const __m512 v = Masked ? _mm512_maskz_loadu_ps(mask[kx][j], p + j * kLanes)
                                            : _mm512_loadu_ps(p + j * kLanes);
                    for (int k = 0; k < OC; ++k) acc[k][j] = _mm512_fmadd_ps(wk[k], v, acc[k][j]);
                }
            }
        }
    for (int j = 0; j < V; ++j) {
        const int left = xEnd - x0 - j * kLanes;
        if (left <= 0) break;
        const __mmask16 m = static_cast<__mmask16>(left >= kLanes ? 0xFFFFu : (1u << left) - 1);
        for (int k = 0; k < OC; ++k) _mm512_mask_storeu_ps(out[k] + x0 + j * kLanes, m, acc[k][j]);
    }
}

// Columns [xBegin, xEnd) of output row y: interior blocks without masks, border blocks with.
template <int OC>
__attribute__((target("avx512f"))) void convRow(const float* in, int C, int H, int W, const Window2d& win, int y,
                                                const float* w, const float* b, float* const* out, int xBegin,
                                                int xEnd) {
    constexpr int V = OC == 4 ? 6 : 8;  // OC x V accumulators + OC weights + 1 input in 32 registers
    constexpr int span = V * kLanes;
    for (int x0 = xBegin; x0 < xEnd; x0 += span) {
        const bool inside = x0 - win.padLeft >= 0 && x0 + span - 1 + win.kernelW - 1 - win.padLeft < W &&
                            x0 + span <= xEnd;
        if (inside) convBlock<OC, V, false>(in, C, H, W, win, y, w, b, out, x0, xEnd);
        else convBlock<OC, V, true>(in, C, H, W, win, y, w, b, out, x0, xEnd);
    }
}

using RowFn = void (*)(const float*, int, int, int, const Window2d&, int, const float*, const float*, float* const*,
                       int, int);

RowFn rowFunction(int oc) {
    switch (oc) {
    case 1: return convRow<1>;
    case 2: return convRow<2>;
    case 3: return convRow<3>;
    default: return convRow<4>;
    }
}

}  // namespace

bool NarrowConv::applies(const Conv2DConfig& c) {
    static const bool avx512 = dnnl::get_effective_cpu_isa() >= dnnl::cpu_isa::avx512_core;
    const Window2d& w = c.window;
    return avx512 && c.outChannels <= 4 && c.groups == 1 && w.strideH == 1 && w.strideW == 1 && w.dilationH == 1 &&
           w.dilationW == 1 && w.kernelW <= 8 && c.inChannels * w.kernelH * w.kernelW >= 16;
}

NarrowConv::NarrowConv(const Conv2DConfig& c, const Shape& in, const memory::desc& src) : cfg_(c), in_(in) {
    CV_Assert(applies(c) && in.size() == 4 && in[1] == c.inChannels);
    out_ = {in[0], c.outChannels, c.window.convOut(in[2], true, "Conv2D"), c.window.convOut(in[3], false, "Conv2D")};
    dnnl::engine& eng = cpuEngine();
    src_ = memory(src, eng, DNNL_MEMORY_NONE);
    srcIn_ = Bridge::toLayout(src_, plainDesc(in));
    outDesc_ = plainDesc(out_);
    dst_ = memory(outDesc_, eng);
    if (!c.activation.isIdentity()) act_.emplace(c.activation, outDesc_, Phase::Inference);
}

void NarrowConv::packWeights(const cv::Mat& weight, const cv::Mat& bias) {
    const int OC = cfg_.outChannels, C = cfg_.inChannels, KH = cfg_.window.kernelH, KW = cfg_.window.kernelW;
    packed_.assign(static_cast<size_t>(C) * KH * KW * OC, 0.f);
    const float* wsrc = weight.ptr<float>();
    for (int k = 0; k < OC; ++k)
        for (int c = 0; c < C; ++c)
            for (int t = 0; t < KH * KW; ++t)
                packed_[(static_cast<size_t>(c) * KH * KW + t) * OC + k] = wsrc[(static_cast<size_t>(k) * C + c) * KH * KW + t];
    bias_.assign(static_cast<size_t>(OC), 0.f);
    if (cfg_.bias) std::copy(bias.ptr<float>(), bias.ptr<float>() + OC, bias_.begin());
    preparedWeights_ = weight.data;
}

memory NarrowConv::run(dnnl::stream& s, const memory& src, const cv::Mat& weight, const cv::Mat& bias, void* out) {
    if (preparedWeights_ != weight.data) packWeights(weight, bias);
    src_.set_data_handle(src.get_data_handle());
    srcIn_.run(s);
    s.wait();  // the kernel below runs outside the stream
    if (out) dst_.set_data_handle(out);
    const float* x = static_cast<const float*>(srcIn_.memory().get_data_handle());
    float* y = static_cast<float*>(dst_.get_data_handle());
    const int N = in_[0], C = in_[1], H = in_[2], W = in_[3], OC = out_[1], OH = out_[2], OW = out_[3];
    const RowFn row = rowFunction(OC);
    const Window2d win = cfg_.window;
    const float* w = packed_.data();
    const float* b = bias_.data();
#pragma omp parallel for schedule(static)
    for (int r = 0; r < N * OH; ++r) {
        const int n = r / OH, oy = r % OH;
        float* rows[4];
        for (int k = 0; k < OC; ++k) rows[k] = y + ((static_cast<size_t>(n) * OC + k) * OH + oy) * OW;
        row(x + static_cast<size_t>(n) * C * H * W, C, H, W, win, oy, w, b, rows, 0, OW);
    }
    if (act_) act_->forward(s, dst_, dst_);
    s.wait();
    return dst_;
}

}  // namespace aecv::ops
