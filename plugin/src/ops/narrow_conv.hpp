// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
// NarrowConv: a stride-1 convolution with at most 4 output channels (a last layer back to BGR) at
// inference, vectorised over output pixels. oneDNN vectorises over output channels and pads 3 to
// 16: its 32 -> 3, 3x3 convolution at 1920x1080 runs at ~35 GFLOP/s, a sixth of the machine's peak.
//   x [N, C, H, W]  W [OC, C, KH, KW]  b [OC]  ->  y [N, OC, OH, OW],  OC <= 4, stride 1, no dilation
// Each output row is 16-pixel vectors (AVX-512) of every output channel at once: per input tap,
// two vector loads feed 2 x OC fused multiply-adds with the tap's weights broadcast. The input is
// read planar (NCHW, f32); zero padding is a masked load.
#pragma once

#include <optional>

#include "ops/activation.hpp"
#include "ops/bridge.hpp"
#include "ops/conv2d.hpp"

namespace aecv::ops {

class NarrowConv {
public:
    // The configurations it runs, on this CPU (AVX-512).
    static bool applies(const Conv2DConfig& c);

    // Input `in` arriving in layout `src`; the output is plain NCHW f32, owned here unless run()
    // is given memory to write.
    NarrowConv(const Conv2DConfig& c, const Shape& in, const dnnl::memory::desc& src);

    const dnnl::memory::desc& outputDesc() const { return outDesc_; }
    dnnl::memory::desc sourceDesc() const { return src_.get_desc(); }  // the layout it was built for
    const Shape& outputShape() const { return out_; }
    void forgetWeights() { preparedWeights_ = nullptr; }
    // y = act(conv(x) + b); repacks the weights when their data changed. `out`: where to write
    // (nullptr: the memory this object owns). Waits for the stream.
    dnnl::memory run(dnnl::stream& s, const dnnl::memory& src, const cv::Mat& weight, const cv::Mat& bias, void* out);

private:
    void packWeights(const cv::Mat& weight, const cv::Mat& bias);

    Conv2DConfig cfg_;
    Shape in_, out_;
    dnnl::memory src_, dst_;
    Bridge srcIn_;
    dnnl::memory::desc outDesc_;
    std::optional<Eltwise> act_;
    std::vector<float> packed_;  // [C][KH][KW][OC]: the OC weights of one tap side by side
    std::vector<float> bias_;
    const void* preparedWeights_ = nullptr;
};

}  // namespace aecv::ops
