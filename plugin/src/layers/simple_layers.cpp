// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
// The weightless layers:
//   aecv.MaxPool     kernel, stride, padding
//   aecv.Upsample    scale [h, w], mode "nearest" | "bilinear"
//   aecv.Activation  activation, alpha (in place)
//   aecv.Add         two inputs
//   aecv.Reshape     shape (batch excluded; one -1 allowed) (in place)
//   aecv.Sampling    inputs mean, log-variance; outputs the mean at inference
//   aecv.Slice       start, end: channels [start, end)
#include "layers/layers.hpp"
#include "layers/op_layer.hpp"
#include "layers/params.hpp"
#include "ops/activation.hpp"
#include "ops/add.hpp"
#include "ops/max_pool.hpp"
#include "ops/reshape.hpp"
#include "ops/sampling.hpp"
#include "ops/slice.hpp"
#include "ops/upsample.hpp"

namespace aecv::layers {

cv::Ptr<cv::dnn::Layer> createMaxPoolLayer(cv::dnn::LayerParams& params) {
    return createNamed(params, [&] {
        const auto kernel = intPair(params, "kernel", {2, 2});
        ops::MaxPoolConfig c;
        c.window = window(params, kernel[0], kernel[1]);
        if (!params.has("stride")) {
            c.window.strideH = kernel[0];
            c.window.strideW = kernel[1];
        }
        return makeLayer(params, std::make_unique<ops::MaxPool>(c));
    });
}

cv::Ptr<cv::dnn::Layer> createUpsampleLayer(cv::dnn::LayerParams& params) {
    return createNamed(params, [&] {
        const auto scale = intPair(params, "scale", {2, 2});
        const std::string mode = params.get<std::string>("mode", "nearest");
        if (mode != "nearest" && mode != "bilinear")
            CV_Error(cv::Error::StsBadArg, cv::format("attribute 'mode' is '%s'; expected nearest or bilinear",
                     mode.c_str()));
        const ops::UpsampleMode m = mode == "nearest" ? ops::UpsampleMode::Nearest : ops::UpsampleMode::Bilinear;
        return makeLayer(params, std::make_unique<ops::Upsample>(ops::UpsampleConfig{scale[0], scale[1], m}));
    });
}

cv::Ptr<cv::dnn::Layer> createActivationLayer(cv::dnn::LayerParams& params) {
    return createNamed(params, [&] {
        if (!params.has("activation")) CV_Error(cv::Error::StsBadArg, "missing attribute 'activation'");
        return makeLayer(params, std::make_unique<ops::ActivationOp>(activation(params)), true);
    });
}

cv::Ptr<cv::dnn::Layer> createAddLayer(cv::dnn::LayerParams& params) {
    return createNamed(params, [&] { return makeLayer(params, std::make_unique<ops::Add>()); });
}

cv::Ptr<cv::dnn::Layer> createReshapeLayer(cv::dnn::LayerParams& params) {
    return createNamed(params, [&] {
        if (!params.has("shape")) CV_Error(cv::Error::StsBadArg, "missing attribute 'shape'");
        const cv::dnn::DictValue& v = params.get("shape");
        ops::ReshapeConfig c;
        c.shape.clear();
        for (int i = 0; i < v.size(); ++i) c.shape.push_back(v.get<int>(i));
        return makeLayer(params, std::make_unique<ops::Reshape>(c), true);
    });
}

cv::Ptr<cv::dnn::Layer> createSamplingLayer(cv::dnn::LayerParams& params) {
    return createNamed(params, [&] {
        return makeLayer(params, std::make_unique<ops::Sampling>(static_cast<uint64_t>(params.get<int>("seed", 42))));
    });
}

cv::Ptr<cv::dnn::Layer> createSliceLayer(cv::dnn::LayerParams& params) {
    return createNamed(params, [&] {
        for (const char* key : {"start", "end"})
            if (!params.has(key)) CV_Error(cv::Error::StsBadArg, cv::format("missing attribute '%s'", key));
        const ops::SliceConfig c{params.get<int>("start"), params.get<int>("end")};
        return makeLayer(params, std::make_unique<ops::Slice>(c));
    });
}

}  // namespace aecv::layers
