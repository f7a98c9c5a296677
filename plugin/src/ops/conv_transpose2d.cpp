// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
#include "ops/conv_transpose2d.hpp"

#include "ops/sub_pixel.hpp"

namespace aecv::ops {

namespace {

const ConvTranspose2DConfig& validated(const ConvTranspose2DConfig& c) {
    const Window2d& w = c.window;
    w.validate("ConvTranspose2D");
    if (c.inChannels < 1 || c.outChannels < 1)
        CV_Error(cv::Error::StsOutOfRange, cv::format("ConvTranspose2D channels are %d -> %d; expected >= 1 each",
                 c.inChannels, c.outChannels));
    if (c.groups < 1 || c.inChannels % c.groups || c.outChannels % c.groups)
        CV_Error(cv::Error::StsBadArg, cv::format("ConvTranspose2D groups is %d; expected >= 1 and dividing "
                 "both channel counts (%d, %d)", c.groups, c.inChannels, c.outChannels));
    // ONNX: output padding below the stride or the dilation. oneDNN takes it as less (possibly
    // negative) padding on the bottom/right.
    auto validPad = [](int op, int stride, int dilation) { return op >= 0 && (op < stride || op < dilation); };
    if (!validPad(c.outputPaddingH, w.strideH, w.dilationH) || !validPad(c.outputPaddingW, w.strideW, w.dilationW))
        CV_Error(cv::Error::StsOutOfRange, cv::format("ConvTranspose2D output padding is (%d, %d); expected >= 0 "
                 "and below the stride (%d, %d) or the dilation (%d, %d)", c.outputPaddingH, c.outputPaddingW,
                 w.strideH, w.strideW, w.dilationH, w.dilationW));
    return c;
}

}  // namespace

ConvTranspose2D::ConvTranspose2D(const ConvTranspose2DConfig& cfg)
    : WeightedOp({validated(cfg).inChannels, cfg.outChannels / cfg.groups, cfg.window.kernelH, cfg.window.kernelW},
                 cfg.outChannels, cfg.bias, cfg.activation),
      cfg_(cfg),
      subPixel_(SubPixelDeconv::applies(cfg)) {}

ConvTranspose2D::~ConvTranspose2D() = default;

void ConvTranspose2D::forward(const std::vector<cv::Mat>& inputs, cv::Mat& output, Phase phase) {
    if (phase == Phase::Training || !subPixel_) return WeightedOp::forward(inputs, output, phase);
    const Shape in = inputShapes(inputs)[0];
    std::unique_ptr<SubPixelDeconv>& plan = subPixelPlans_[{in, inferenceType()}];
    if (!plan) plan = std::make_unique<SubPixelDeconv>(cfg_, in, plainDesc(in), false, inferenceType());
    ensureTensor(output, plan->outputShape());
    dnnl::stream& s = cpuStream();
    plan->run(s, wrap(inputs[0]), weight().value, bias().value, output.data);
    s.wait();
}


std::unique_ptr<ChainStep> ConvTranspose2D::chainPrepare(const std::vector<Shape>& in,
                                                         const std::vector<dnnl::memory::desc>& src, bool overwrite) {
    if (!subPixel_) return WeightedOp::chainPrepare(in, src, overwrite);
    CV_Assert(in.size() == 1 && src.size() == 1);
    outputShape(in);  // validates
    return std::make_unique<KernelStep<SubPixelDeconv>>(*this, cfg_, in[0], src[0], true, inferenceType());
}

void ConvTranspose2D::weightsChanged() {
    WeightedOp::weightsChanged();
    for (auto& [key, plan] : subPixelPlans_) plan->forgetWeights();
}

Shape ConvTranspose2D::outputShape(const std::vector<Shape>& inputs) const {
    CV_Assert(inputs.size() == 1);
    const Shape& in = inputs[0];
    if (in.size() != 4 || in[1] != cfg_.inChannels)
        CV_Error(cv::Error::StsUnmatchedSizes, cv::format("ConvTranspose2D input has shape %s; expected "
                 "[N, %d, H, W]", toString(in).c_str(), cfg_.inChannels));
    return {in[0], cfg_.outChannels, cfg_.window.transposedOut(in[2], true, cfg_.outputPaddingH, "ConvTranspose2D"),
            cfg_.window.transposedOut(in[3], false, cfg_.outputPaddingW, "ConvTranspose2D")};
}

dnnl::memory::desc ConvTranspose2D::userWeightsDesc() const {
    const Window2d& w = cfg_.window;
    const int g = cfg_.groups;
    if (g == 1)
        return {{cfg_.outChannels, cfg_.inChannels, w.kernelH, w.kernelW}, dnnl::memory::data_type::f32,
                dnnl::memory::format_tag::iohw};
    return {{g, cfg_.outChannels / g, cfg_.inChannels / g, w.kernelH, w.kernelW}, dnnl::memory::data_type::f32,
            dnnl::memory::format_tag::giohw};
}

ConvTranspose2D::Descs ConvTranspose2D::makeDescs(const Shape& in, const Shape& out, Phase phase,
                                                  const dnnl::primitive_attr& attr, dnnl::memory::data_type type) const {
    using namespace dnnl;
    const Window2d& w = cfg_.window;
    // A few output channels (an image, e.g. grey or BGR) are written planar: left to choose,
    // oneDNN pads them to a 16-channel block, its eltwise then falls back to a reference kernel
    // and a reorder follows (conv preset, 16 -> 1 at 28x28, batch 32: 0.67 ms deconvolution +
    // 0.24 ms sigmoid + reorders, against 0.39 ms + 0.01 ms planar).
    // Not when training in bf16: for a planar bf16 output oneDNN 2.6 picks its gemm kernel
    // (image-denoise-deep's last layer, 32 -> 3 at 96x96, batch 16: 4.3 ms a step, 8% of all
    // its primitives' time; left to choose, it takes a jit kernel).
    const bool narrow = out[1] <= 4 && !(phase == Phase::Training && type == memory::data_type::bf16);
    const memory::desc src = anyDesc(in, type);
    const memory::desc dst = narrow ? memory::desc(toDims(out), type, memory::format_tag::nchw) : anyDesc(out, type);
    const memory::desc wei(userWeightsDesc().dims(), type, memory::format_tag::any);
    const memory::desc bias = cfg_.bias ? biasDesc() : memory::desc();
    const memory::dims padR = {w.padBottom - cfg_.outputPaddingH, w.padRight - cfg_.outputPaddingW};
    const prop_kind prop = phase == Phase::Training ? prop_kind::forward_training : prop_kind::forward_inference;

    deconvolution_forward::primitive_desc fwd(
        {prop, algorithm::deconvolution_direct, src, wei, bias, dst, w.strides(), w.dilates(), w.padL(), padR},
        attr, cpuEngine());
    if (phase == Phase::Inference) return {fwd, {}, {}};

    // The weights' gradient in f32 whatever the type: it is summed into the f32 parameters.
    const memory::desc dWei(userWeightsDesc().dims(), memory::data_type::f32, memory::format_tag::any);

    deconvolution_backward_data::primitive_desc bwdData(
        {algorithm::deconvolution_direct, src, wei, dst, w.strides(), w.dilates(), w.padL(), padR},
        cpuEngine(), fwd);
    deconvolution_backward_weights::primitive_desc bwdWeights(
        {algorithm::deconvolution_direct, src, dWei, bias, dst, w.strides(), w.dilates(), w.padL(), padR},
        cpuEngine(), fwd);
    return {fwd, bwdData, bwdWeights};
}

}  // namespace aecv::ops
