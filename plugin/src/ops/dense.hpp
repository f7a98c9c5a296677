// aecv: autoencoders for OpenCV.
// Dense (inner product; ONNX Gemm with transB = 1):
//   x [N, IC]  W [OC, IC]  b [OC]  ->  y [N, OC],  y = x W^T + b
#pragma once

#include "ops/weighted_op.hpp"

namespace aecv::ops {

struct DenseConfig {
    int inFeatures = 0, outFeatures = 0;
    bool bias = true;
    Activation activation;
};

class Dense final : public WeightedOp {
public:
    explicit Dense(const DenseConfig& cfg);
    const char* type() const override { return "Dense"; }
    const DenseConfig& config() const { return cfg_; }
    Shape outputShape(const std::vector<Shape>& inputs) const override;

private:
    Descs makeDescs(const Shape& in, const Shape& out, Phase phase, const dnnl::primitive_attr& attr,
                    dnnl::memory::data_type type) const override;
    dnnl::memory::desc userWeightsDesc() const override;
    DenseConfig cfg_;
};

}  // namespace aecv::ops
