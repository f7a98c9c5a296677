// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
#include "ops/conv2d.hpp"

#include <algorithm>
#include <string>

#include "ops/narrow_conv.hpp"

namespace aecv::ops {

namespace {

constexpr int kAmxBackwardWeightsSide = 352;  // the widest input seen to train safely in bf16 on AMX

const Conv2DConfig& validated(const Conv2DConfig& c) {
    c.window.validate("Conv2D");
    if (c.inChannels < 1 || c.outChannels < 1)
        CV_Error(cv::Error::StsOutOfRange, cv::format("Conv2D channels are %d -> %d; expected >= 1 each",
                 c.inChannels, c.outChannels));
    if (c.groups < 1 || c.inChannels % c.groups || c.outChannels % c.groups)
        CV_Error(cv::Error::StsBadArg, cv::format("Conv2D groups is %d; expected >= 1 and dividing both "
                 "channel counts (%d, %d)", c.groups, c.inChannels, c.outChannels));
    return c;
}

}  // namespace

Conv2D::Conv2D(const Conv2DConfig& cfg)
    : WeightedOp({validated(cfg).outChannels, cfg.inChannels / cfg.groups, cfg.window.kernelH, cfg.window.kernelW},
                 cfg.outChannels, cfg.bias, cfg.activation),
      cfg_(cfg),
      narrow_(NarrowConv::applies(cfg)) {}

Conv2D::~Conv2D() = default;


void Conv2D::forward(const std::vector<cv::Mat>& inputs, cv::Mat& output, Phase phase) {
    if (phase == Phase::Training || !narrow_) return WeightedOp::forward(inputs, output, phase);
    const Shape in = inputShapes(inputs)[0];
    outputShape({in});  // validates
    std::unique_ptr<NarrowConv>& plan = narrowPlans_[in];
    if (!plan) plan = std::make_unique<NarrowConv>(cfg_, in, plainDesc(in));
    ensureTensor(output, plan->outputShape());
    plan->run(cpuStream(), wrap(inputs[0]), weight().value, bias().value, output.data);
}

std::unique_ptr<ChainStep> Conv2D::chainPrepare(const std::vector<Shape>& in, const std::vector<dnnl::memory::desc>& src,
                                                bool overwrite) {
    if (!narrow_) return WeightedOp::chainPrepare(in, src, overwrite);
    CV_Assert(in.size() == 1 && src.size() == 1);
    outputShape(in);  // validates
    return std::make_unique<KernelStep<NarrowConv>>(*this, cfg_, in[0], src[0]);
}

void Conv2D::weightsChanged() {
    WeightedOp::weightsChanged();
    for (auto& [in, plan] : narrowPlans_) plan->forgetWeights();
}

Shape Conv2D::outputShape(const std::vector<Shape>& inputs) const {
    CV_Assert(inputs.size() == 1);
    const Shape& in = inputs[0];
    if (in.size() != 4 || in[1] != cfg_.inChannels)
        CV_Error(cv::Error::StsUnmatchedSizes, cv::format("Conv2D input has shape %s; expected [N, %d, H, W]",
                 toString(in).c_str(), cfg_.inChannels));
    return {in[0], cfg_.outChannels, cfg_.window.convOut(in[2], true, "Conv2D"),
            cfg_.window.convOut(in[3], false, "Conv2D")};
}

dnnl::memory::desc Conv2D::userWeightsDesc() const {
    const Window2d& w = cfg_.window;
    const int g = cfg_.groups;
    if (g == 1)
        return {{cfg_.outChannels, cfg_.inChannels, w.kernelH, w.kernelW}, dnnl::memory::data_type::f32,
                dnnl::memory::format_tag::oihw};
    return {{g, cfg_.outChannels / g, cfg_.inChannels / g, w.kernelH, w.kernelW}, dnnl::memory::data_type::f32,
            dnnl::memory::format_tag::goihw};
}

Conv2D::Descs Conv2D::makeDescs(const Shape& in, const Shape& out, Phase phase, const dnnl::primitive_attr& attr,
                                dnnl::memory::data_type type) const {
    using namespace dnnl;
    const Window2d& w = cfg_.window;
    // A first layer (a few input channels, e.g. BGR) reads channels-last: oneDNN's brgconv then
    // writes channels-last too, the layout the next layers read. Left to choose, oneDNN reads NCHW
    // and writes 16-channel blocks, and the reorder to channels-last after it costs half the conv
    // (1920x1080, 3 -> 32: 25 ms conv + 16 ms reorder, against 2 ms to reorder the 3 channels).
    // Without AVX-512 (oneDNN 2.6 on AVX2) no jit kernel reads a channels-last first layer: it
    // falls to the reference convolution (640x480, 4 -> 32, 2x2 stride 2: 430 ms against 10 ms
    // for jit:avx2 reading NCHW), so a reference choice is replaced by oneDNN's own layout.
    const bool firstLayer = phase == Phase::Inference && in[1] <= 4 && cfg_.groups == 1;
    const memory::desc dst = anyDesc(out, type);
    const memory::desc wei(userWeightsDesc().dims(), type, memory::format_tag::any);
    const memory::desc bias = cfg_.bias ? biasDesc() : memory::desc();
    const prop_kind prop = phase == Phase::Training ? prop_kind::forward_training : prop_kind::forward_inference;
    const auto forward = [&](const memory::desc& src) {
        return convolution_forward::primitive_desc(
            {prop, algorithm::convolution_direct, src, wei, bias, dst, w.strides(), w.dilates(), w.padL(), w.padR()},
            attr, cpuEngine());
    };
    const memory::desc src = firstLayer ? memory::desc(toDims(in), type, memory::format_tag::nhwc) : anyDesc(in, type);
    convolution_forward::primitive_desc fwd = forward(src);
    if (firstLayer && std::string(fwd.impl_info_str()).rfind("ref", 0) == 0) fwd = forward(anyDesc(in, type));
    if (phase == Phase::Inference) return {fwd, {}, {}};

    // The weights' gradient in f32 whatever the type: it is summed into the f32 parameters.
    const memory::desc dWei(userWeightsDesc().dims(), memory::data_type::f32, memory::format_tag::any);

    convolution_backward_data::primitive_desc bwdData(
        {algorithm::convolution_direct, src, wei, dst, w.strides(), w.dilates(), w.padL(), w.padR()},
        cpuEngine(), fwd);
    convolution_backward_weights::primitive_desc bwdWeights(
        {algorithm::convolution_direct, src, dWei, bias, dst, w.strides(), w.dilates(), w.padL(), w.padR()},
        cpuEngine(), fwd);
    // oneDNN 2.6's AMX bf16 backward-weights kernel writes past its buffers on wide inputs (a 3x3
    // convolution 16 -> 4 channels at 368x368 and 384x384 crashed a training run; 352 did not),
    // and offers no other implementation there: the run is refused instead of corrupting memory.
    const int side = std::max(in[2], in[3]);
    if (type == memory::data_type::bf16 && side > kAmxBackwardWeightsSide &&
        std::string(bwdWeights.impl_info_str()).find("amx") != std::string::npos)
        CV_Error(cv::Error::StsNotImplemented, cv::format("Conv2D: training in bf16 on %dx%d inputs: oneDNN 2.6's AMX "
                 "backward-weights kernel fails on sides above %d; train on %d pixels or less (--patch), in f32, or "
                 "without AMX (ONEDNN_MAX_CPU_ISA=AVX512_CORE_BF16)", in[3], in[2], kAmxBackwardWeightsSide,
                 kAmxBackwardWeightsSide));
    return {fwd, bwdData, bwdWeights};
}

}  // namespace aecv::ops
