// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
// aecv.ConvTranspose: inputs x, W [C, OC/groups, KH, KW], optional b [OC];
// attributes stride, padding [t, l, b, r], output_padding [h, w], dilation, groups, activation, alpha.
#include "layers/layers.hpp"
#include "layers/op_layer.hpp"
#include "layers/params.hpp"
#include "ops/conv_transpose2d.hpp"

namespace aecv::layers {

cv::Ptr<cv::dnn::Layer> createConvTransposeLayer(cv::dnn::LayerParams& params) {
    return createNamed(params, [&] {
        const cv::Mat& w = blob(params, 0, "weight");
        if (w.dims != 4)
            CV_Error(cv::Error::StsBadSize, cv::format("weight has %d dimensions; expected 4 [C, OC/groups, KH, KW]",
                     w.dims));
        ops::ConvTranspose2DConfig c;
        c.groups = groups(params);
        c.inChannels = w.size[0];
        c.outChannels = ops::checkedDim(int64_t{w.size[1]} * c.groups, "ConvTranspose", "output channel count");
        c.window = window(params, w.size[2], w.size[3]);
        const auto outPad = intPair(params, "output_padding", {0, 0});
        c.outputPaddingH = outPad[0];
        c.outputPaddingW = outPad[1];
        c.bias = params.blobs.size() > 1;
        c.activation = activation(params);
        auto op = std::make_unique<ops::ConvTranspose2D>(c);
        bindWeights(*op, params);
        return makeLayer(params, std::move(op));
    });
}

}  // namespace aecv::layers
