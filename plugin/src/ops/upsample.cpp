// aecv: autoencoders for OpenCV.
#include "ops/upsample.hpp"

namespace aecv::ops {

Upsample::Upsample(const UpsampleConfig& cfg) : cfg_(cfg) {
    if (cfg.scaleH < 1 || cfg.scaleW < 1)
        CV_Error(cv::Error::StsOutOfRange, cv::format("Upsample scale is (%d, %d); expected >= 1 each",
                 cfg.scaleH, cfg.scaleW));
}

Shape Upsample::outputShape(const std::vector<Shape>& inputs) const {
    CV_Assert(inputs.size() == 1);
    const Shape& in = inputs[0];
    if (in.size() != 4)
        CV_Error(cv::Error::StsUnmatchedSizes, cv::format("Upsample input has shape %s; expected [N, C, H, W]",
                 toString(in).c_str()));
    return {in[0], in[1], in[2] * cfg_.scaleH, in[3] * cfg_.scaleW};
}

namespace {

dnnl::algorithm algorithmOf(UpsampleMode mode) {
    return mode == UpsampleMode::Nearest ? dnnl::algorithm::resampling_nearest : dnnl::algorithm::resampling_linear;
}

}  // namespace

dnnl::memory::desc Upsample::chainPrepare(const Shape& in, const dnnl::memory::desc& src) {
    if (!chain_.preparedFor(in, src))
        chain_.prepare(dnnl::resampling_forward::primitive_desc(
                           {dnnl::prop_kind::forward_inference, algorithmOf(cfg_.mode), src, anyDesc(outputShape({in}))},
                           cpuEngine()),
                       in, src);
    return chain_.outputDesc();
}

Upsample::Plan& Upsample::plan(const Shape& in, Phase phase) {
    auto [it, added] = plans_.try_emplace({in, phase});
    Plan& p = it->second;
    if (!added) return p;
    using namespace dnnl;
    const memory::desc src = plainDesc(in), dst = plainDesc(outputShape({in}));
    const algorithm alg = algorithmOf(cfg_.mode);
    const prop_kind prop = phase == Phase::Training ? prop_kind::forward_training : prop_kind::forward_inference;
    resampling_forward::primitive_desc fwd({prop, alg, src, dst}, cpuEngine());
    p.fwd = resampling_forward(fwd);
    p.src = memory(src, cpuEngine(), DNNL_MEMORY_NONE);
    p.dst = memory(dst, cpuEngine(), DNNL_MEMORY_NONE);
    p.fwdArgs = {{DNNL_ARG_SRC, p.src}, {DNNL_ARG_DST, p.dst}};
    if (phase == Phase::Training) {
        p.bwd = resampling_backward(resampling_backward::primitive_desc({alg, src, dst}, cpuEngine(), fwd));
        p.dDst = memory(dst, cpuEngine(), DNNL_MEMORY_NONE);
        p.dSrc = memory(src, cpuEngine(), DNNL_MEMORY_NONE);
        p.bwdArgs = {{DNNL_ARG_DIFF_DST, p.dDst}, {DNNL_ARG_DIFF_SRC, p.dSrc}};
    }
    return p;
}

void Upsample::forward(const std::vector<cv::Mat>& inputs, cv::Mat& output, Phase phase) {
    const Shape in = inputShapes(inputs)[0];
    Plan& p = plan(in, phase);
    ensureTensor(output, outputShape({in}));
    p.src.set_data_handle(inputs[0].data);
    p.dst.set_data_handle(output.data);
    p.fwd.execute(cpuStream(), p.fwdArgs);
    cpuStream().wait();
}

void Upsample::backward(const std::vector<cv::Mat>& inputs, const cv::Mat& output, const cv::Mat& dOutput,
                        std::vector<cv::Mat>& dInputs) {
    const Shape in = inputShapes(inputs)[0];
    requireGradShape(dOutput, output);
    if (dInputs.empty()) return;
    Plan& p = plan(in, Phase::Training);  // needs no state from the forward
    ensureTensor(dInputs[0], in);
    p.dDst.set_data_handle(dOutput.data);
    p.dSrc.set_data_handle(dInputs[0].data);
    p.bwd.execute(cpuStream(), p.bwdArgs);
    cpuStream().wait();
}

}  // namespace aecv::ops
