// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
// The constructors cv::dnn's LayerFactory calls for each aecv node type.
#pragma once

#include <opencv2/dnn.hpp>

namespace aecv::layers {

cv::Ptr<cv::dnn::Layer> createConvLayer(cv::dnn::LayerParams& params);
cv::Ptr<cv::dnn::Layer> createConvTransposeLayer(cv::dnn::LayerParams& params);
cv::Ptr<cv::dnn::Layer> createDenseLayer(cv::dnn::LayerParams& params);
cv::Ptr<cv::dnn::Layer> createMaxPoolLayer(cv::dnn::LayerParams& params);
cv::Ptr<cv::dnn::Layer> createUpsampleLayer(cv::dnn::LayerParams& params);
cv::Ptr<cv::dnn::Layer> createActivationLayer(cv::dnn::LayerParams& params);
cv::Ptr<cv::dnn::Layer> createAddLayer(cv::dnn::LayerParams& params);
cv::Ptr<cv::dnn::Layer> createReshapeLayer(cv::dnn::LayerParams& params);
cv::Ptr<cv::dnn::Layer> createSamplingLayer(cv::dnn::LayerParams& params);
cv::Ptr<cv::dnn::Layer> createSliceLayer(cv::dnn::LayerParams& params);

// The constructor for an aecv op type ("Conv", ...); cv::Exception for an unknown one.
cv::dnn::LayerFactory::Constructor constructorFor(const std::string& op);

}  // namespace aecv::layers
