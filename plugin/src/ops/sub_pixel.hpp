// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
// SubPixelDeconv: a stride-2 transposed convolution at inference, run as four stride-1
// convolutions, one per output phase (row parity a, column parity b), each writing every other
// pixel of the output. oneDNN 2.6's convolutions run several times faster than its deconvolution.
//   x [N, C, H, W]  W [C, OC, 2k, 2k] (padding k - 1)  ->  y [N, OC, 2H, 2W]
//   y[:, :, 2m + a, 2n + b] = conv_ab(x)[m, n],  conv_ab: k x k kernel, stride 1,
//   W_ab[oc, c, t, u] = W[c, oc, 2 (k - 1 - t) + r_a, 2 (k - 1 - u) + r_b],  r_a = (a + k - 1) mod 2
// Backward is never needed: training runs the deconvolution primitive (ConvTranspose2D).
#pragma once

#include <array>
#include <unordered_map>

#include "ops/bridge.hpp"
#include "ops/conv_transpose2d.hpp"

namespace aecv::ops {

class SubPixelDeconv {
public:
    // Stride 2, even square kernel 2k with padding k - 1 on every side, no dilation, one group,
    // no output padding: the shapes for which y is exactly 2H x 2W.
    static bool applies(const ConvTranspose2DConfig& c);

    // Input `in` arriving in layout `src`. Output: the plain NCHW tensor passed to run(), or
    // (`chained`) a channels-last tensor this object owns, for the next step of a chain.
    // `type`: what the convolutions compute in (f32 or bf16); a chained output has that type too.
    SubPixelDeconv(const ConvTranspose2DConfig& c, const Shape& in, const dnnl::memory::desc& src, bool chained,
                   dnnl::memory::data_type type);

    const dnnl::memory::desc& outputDesc() const { return outDesc_; }
    dnnl::memory::desc inputDesc() const { return src_.get_desc(); }
    void forgetWeights() { preparedWeights_ = nullptr; }  // the weights changed in place
    const Shape& outputShape() const { return out_; }
    // Re-derives the phase weights from `weight` when its data changed; `out` is ignored when chained.
    dnnl::memory run(dnnl::stream& s, const dnnl::memory& src, const cv::Mat& weight, const cv::Mat& bias, void* out);

private:
    struct Phase {
        dnnl::primitive conv;
        cv::Mat weight;              // W_ab, plain [OC, C, k, k]
        dnnl::memory wei, dst;       // wei: plain W_ab; dst: the conv's output
        Bridge weiIn;
        dnnl::memory::desc view;     // every other pixel of the output: where dst goes
        size_t viewOffset = 0;       // in bytes from the output's start
        dnnl::memory viewMemory;     // the view, pointed at the output per run
        dnnl::reorder toOutput;
        std::unordered_map<int, dnnl::memory> args;
    };
    void prepareWeights(const cv::Mat& weight);

    ConvTranspose2DConfig cfg_;
    Shape in_, out_;
    bool chained_;
    dnnl::memory src_, bias_, owned_, outMemory_;
    Bridge srcIn_;
    dnnl::memory::desc outDesc_;
    std::array<Phase, 4> phases_;
    const void* preparedWeights_ = nullptr;
};

}  // namespace aecv::ops
