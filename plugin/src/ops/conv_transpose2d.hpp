// aecv: autoencoders for OpenCV.
// ConvTranspose2D (ONNX ConvTranspose):
//   x [N, C, H, W]  W [C, OC/groups, KH, KW]  b [OC]  ->  y [N, OC, OH, OW]
//   OH = (H - 1) * strideH - padTop - padBottom + (KH - 1) * dilationH + 1 + outputPaddingH
// Its activation runs as a separate in-place eltwise: oneDNN 2.6's fused-post-op deconvolution
// is about 5x slower than the plain one.
#pragma once

#include "ops/weighted_op.hpp"
#include "ops/window.hpp"

namespace aecv::ops {

struct ConvTranspose2DConfig {
    int inChannels = 0, outChannels = 0;
    Window2d window;
    int outputPaddingH = 0, outputPaddingW = 0;
    int groups = 1;
    bool bias = true;
    Activation activation;
};

class ConvTranspose2D final : public WeightedOp {
public:
    explicit ConvTranspose2D(const ConvTranspose2DConfig& cfg);
    const char* type() const override { return "ConvTranspose2D"; }
    const ConvTranspose2DConfig& config() const { return cfg_; }
    Shape outputShape(const std::vector<Shape>& inputs) const override;

private:
    Descs makeDescs(const Shape& in, const Shape& out, Phase phase,
                    const dnnl::primitive_attr& attr) const override;
    dnnl::memory::desc userWeightsDesc() const override;
    bool fusesActivation() const override { return false; }
    ConvTranspose2DConfig cfg_;
};

}  // namespace aecv::ops
