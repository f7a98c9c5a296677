// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
// Splitting a model at its code: the decoder alone, so codes decode without the encoder.
#pragma once

#include <string>

#include <opencv2/dnn.hpp>

#include "model/model.hpp"

namespace aecv::model {

// The tensor a decoder starts from: the output of the Sampling node for a VAE (z), else the
// code tensor named by metadata "code". cv::Exception when the model names no code.
std::string decoderInput(const Model& m);
// The nodes that compute the main output from `code`, as a model whose input is `code`.
// cv::Exception when a decoder node also reads an encoder tensor (e.g. a U-Net skip).
Model decoderOf(const Model& m, const std::string& code);
// The model serialized in aecv form, for cv::dnn::readNetFromONNX(buffer, size).
std::string toOnnxBytes(const Model& m);
// A validated model as a cv::dnn::Net (aecv layers registered). A model that runs as one
// sequence (model::runsAsSequence(), e.g. the image filters' U-Nets) becomes one aecv.Graph
// layer (layers/graph_layer.hpp), its outputs named as the model's; any other goes through
// OpenCV's importer, from the bytes aecv itself writes (the importer never sees a file's own
// bytes, only what aecv checked and rewrote).
cv::dnn::Net loadNet(const Model& m);

}  // namespace aecv::model
