// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
// aecv::readNet: the checked way from a model file to a cv::dnn::Net.
#include <aecv/aecv.hpp>

#include "model/model.hpp"
#include "model/proto_util.hpp"
#include "model/split.hpp"

namespace aecv {

cv::dnn::Net readNet(const std::string& path) {
    registerLayers();
    return model::loadNet(model::readOnnx(path));
}

cv::dnn::Net readNet(const char* data, size_t size) {
    if (!data && size)
        CV_Error(cv::Error::StsNullPtr, cv::format("readNet: data is null but size is %zu", size));
    registerLayers();
    return model::loadNet(model::parseOnnx(std::string(data ? data : "", size), "model in memory"));
}

}  // namespace aecv
