// aecv: autoencoders for OpenCV.
#include "ops/dense.hpp"

namespace aecv::ops {

namespace {

const DenseConfig& validated(const DenseConfig& c) {
    if (c.inFeatures < 1 || c.outFeatures < 1)
        CV_Error(cv::Error::StsOutOfRange, cv::format("Dense features are %d -> %d; expected >= 1 each",
                 c.inFeatures, c.outFeatures));
    return c;
}

}  // namespace

Dense::Dense(const DenseConfig& cfg)
    : WeightedOp({validated(cfg).outFeatures, cfg.inFeatures}, cfg.outFeatures, cfg.bias, cfg.activation),
      cfg_(cfg) {}

Shape Dense::outputShape(const std::vector<Shape>& inputs) const {
    CV_Assert(inputs.size() == 1);
    const Shape& in = inputs[0];
    if (in.size() != 2 || in[1] != cfg_.inFeatures)
        CV_Error(cv::Error::StsUnmatchedSizes, cv::format("Dense input has shape %s; expected [N, %d] "
                 "(flatten image tensors first)", toString(in).c_str(), cfg_.inFeatures));
    return {in[0], cfg_.outFeatures};
}

dnnl::memory::desc Dense::userWeightsDesc() const { return plainDesc({cfg_.outFeatures, cfg_.inFeatures}); }

Dense::Descs Dense::makeDescs(const Shape& in, const Shape& out, Phase phase, const dnnl::primitive_attr& attr,
                              dnnl::memory::data_type type) const {
    using namespace dnnl;
    const memory::desc src = anyDesc(in, type), dst = anyDesc(out, type);
    // Training keeps the weights as they are, [out, in] row-major: the optimizer changes them every
    // step, and with blocked layouts each step paid three weight reorders per layer (a quarter of
    // the stacked preset's oneDNN time at batch 32). oneDNN's gemm kernels take plain weights. (Its
    // brgemm backward-data kernel, which wants blocked ones, also crashed for few inputs and many
    // outputs, e.g. 10 -> 3136.) Inference reorders them once and uses brgemm.
    const memory::desc wei = phase == Phase::Training ? plainDesc({cfg_.outFeatures, cfg_.inFeatures})
                                                      : anyDesc({cfg_.outFeatures, cfg_.inFeatures}, type);
    const memory::desc bias = cfg_.bias ? biasDesc() : memory::desc();
    const prop_kind prop = phase == Phase::Training ? prop_kind::forward_training : prop_kind::forward_inference;

    inner_product_forward::primitive_desc fwd({prop, src, wei, bias, dst}, attr, cpuEngine());
    if (phase == Phase::Inference) return {fwd, {}, {}};
    inner_product_backward_data::primitive_desc bwdData({src, wei, dst}, cpuEngine(), fwd);
    inner_product_backward_weights::primitive_desc bwdWeights({src, wei, bias, dst}, cpuEngine(), fwd);
    return {fwd, bwdData, bwdWeights};
}

}  // namespace aecv::ops
