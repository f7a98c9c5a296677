// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
// aecv.Dense: inputs x [N, IC], W [OC, IC], optional b [OC]; attributes activation, alpha.
#include "layers/layers.hpp"
#include "layers/op_layer.hpp"
#include "layers/params.hpp"
#include "ops/dense.hpp"

namespace aecv::layers {

cv::Ptr<cv::dnn::Layer> createDenseLayer(cv::dnn::LayerParams& params) {
    return createNamed(params, [&] {
        const cv::Mat& w = blob(params, 0, "weight");
        if (w.dims != 2)
            CV_Error(cv::Error::StsBadSize, cv::format("weight has %d dimensions; expected 2 [OC, IC]", w.dims));
        ops::DenseConfig c;
        c.outFeatures = w.size[0];
        c.inFeatures = w.size[1];
        c.bias = params.blobs.size() > 1;
        c.activation = activation(params);
        auto op = std::make_unique<ops::Dense>(c);
        bindWeights(*op, params);
        return makeLayer(params, std::move(op));
    });
}

}  // namespace aecv::layers
