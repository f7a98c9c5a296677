// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
#include "layers/params.hpp"

namespace aecv::layers {

std::array<int, 2> intPair(const cv::dnn::LayerParams& p, const std::string& key, std::array<int, 2> fallback) {
    if (!p.has(key)) return fallback;
    const cv::dnn::DictValue& v = p.get(key);
    if (!v.isInt() || v.size() != 2)
        CV_Error(cv::Error::StsBadArg, cv::format("attribute '%s' must be 2 ints", key.c_str()));
    return {v.get<int>(0), v.get<int>(1)};
}

ops::Window2d window(const cv::dnn::LayerParams& p, int kernelH, int kernelW) {
    ops::Window2d w;
    const auto kernel = intPair(p, "kernel", {kernelH, kernelW});
    if (kernel[0] != kernelH || kernel[1] != kernelW)
        CV_Error(cv::Error::StsBadArg, cv::format("attribute 'kernel' is [%d, %d] but the weights are %dx%d",
                 kernel[0], kernel[1], kernelH, kernelW));
    w.kernelH = kernelH;
    w.kernelW = kernelW;
    const auto stride = intPair(p, "stride", {1, 1});
    w.strideH = stride[0];
    w.strideW = stride[1];
    const auto dilation = intPair(p, "dilation", {1, 1});
    w.dilationH = dilation[0];
    w.dilationW = dilation[1];
    if (p.has("padding")) {
        const cv::dnn::DictValue& v = p.get("padding");
        if (!v.isInt() || v.size() != 4)
            CV_Error(cv::Error::StsBadArg, "attribute 'padding' must be 4 ints [top, left, bottom, right]");
        w.padTop = v.get<int>(0);
        w.padLeft = v.get<int>(1);
        w.padBottom = v.get<int>(2);
        w.padRight = v.get<int>(3);
    }
    return w;
}

ops::Activation activation(const cv::dnn::LayerParams& p) {
    return ops::Activation::fromName(p.get<std::string>("activation", "identity"), p.get<float>("alpha", -1.f));
}

const cv::Mat& blob(const cv::dnn::LayerParams& p, size_t index, const char* what) {
    if (p.blobs.size() <= index)
        CV_Error(cv::Error::StsBadArg, cv::format("missing %s (input %zu); the node has %zu weight tensors", what,
                 index + 1, p.blobs.size()));
    const cv::Mat& m = p.blobs[index];
    if (m.depth() != CV_32F)
        CV_Error(cv::Error::StsUnsupportedFormat, cv::format("%s has type %s; expected float", what,
                 cv::typeToString(m.type()).c_str()));
    return m;
}

int groups(const cv::dnn::LayerParams& p) {
    const int g = p.get<int>("groups", 1);
    if (g < 1) CV_Error(cv::Error::StsOutOfRange, cv::format("attribute 'groups' is %d; expected >= 1", g));
    return g;
}

int requiredInt(const cv::dnn::LayerParams& p, const std::string& key) {
    if (!p.has(key)) CV_Error(cv::Error::StsBadArg, cv::format("missing attribute '%s'", key.c_str()));
    return p.get<int>(key);
}

}  // namespace aecv::layers
