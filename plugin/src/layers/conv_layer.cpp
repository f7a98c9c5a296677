// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
// aecv.Conv: inputs x, W [OC, C/groups, KH, KW], optional b [OC];
// attributes stride, padding [t, l, b, r], dilation, groups, activation, alpha.
#include "layers/layers.hpp"
#include "layers/op_layer.hpp"
#include "layers/params.hpp"
#include "ops/conv2d.hpp"

namespace aecv::layers {

cv::Ptr<cv::dnn::Layer> createConvLayer(cv::dnn::LayerParams& params) {
    return createNamed(params, [&] {
        const cv::Mat& w = blob(params, 0, "weight");
        if (w.dims != 4)
            CV_Error(cv::Error::StsBadSize, cv::format("weight has %d dimensions; expected 4 [OC, C/groups, KH, KW]",
                     w.dims));
        ops::Conv2DConfig c;
        c.groups = groups(params);
        c.outChannels = w.size[0];
        c.inChannels = ops::checkedDim(int64_t{w.size[1]} * c.groups, "Conv", "input channel count");
        c.window = window(params, w.size[2], w.size[3]);
        c.bias = params.blobs.size() > 1;
        c.activation = activation(params);
        auto op = std::make_unique<ops::Conv2D>(c);
        bindWeights(*op, params);
        return makeLayer(params, std::move(op));
    });
}

}  // namespace aecv::layers
