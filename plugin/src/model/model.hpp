// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
// Model: an aecv network as it is stored: one node per layer (ONNX domain "aecv"), weights as
// initializers named "<node>.weight" / "<node>.bias", hyper-parameters as attributes, and
// metadata (task, input size, code tensor, training recipe, validation loss).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <variant>
#include <vector>

#include "ops/tensor.hpp"

namespace aecv::model {

using Attr = std::variant<int64_t, float, std::string, std::vector<int64_t>>;

struct Node {
    std::string op;                   // Conv, ConvTranspose, Dense, MaxPool, Upsample, Activation, Add, Reshape, Sampling
    std::string name;                 // unique; names its weights
    std::vector<std::string> inputs;  // data inputs (tensor names)
    std::string output;               // tensor name
    std::map<std::string, Attr> attrs;
    std::vector<cv::Mat> weights;     // weight, then bias (if any)

    bool has(const std::string& key) const { return attrs.count(key) != 0; }
    int64_t getInt(const std::string& key, int64_t fallback) const;
    float getFloat(const std::string& key, float fallback) const;
    std::string getString(const std::string& key, const std::string& fallback) const;
    std::vector<int64_t> getInts(const std::string& key, const std::vector<int64_t>& fallback) const;
};

struct Model {
    std::string input = "input";
    ops::Shape inputShape;             // [1, C, H, W] or [1, D]; batch and spatial sizes may vary at run time
    std::vector<Node> nodes;           // in execution order
    std::vector<std::string> outputs;  // graph outputs: the reconstruction first, then e.g. the code
    std::map<std::string, std::string> metadata;

    const Node& node(const std::string& name) const;  // cv::Exception for an unknown name
};

// The known aecv op types.
const std::vector<std::string>& opTypes();

// Writes the aecv form; the file passes onnx::checker::check_model. Written to a temporary file
// first, then renamed: `path` is never left half-written.
void writeOnnx(const Model& m, const std::string& path);
// Reads and validates an aecv file: cv::Exception naming the file, node and problem.
Model readOnnx(const std::string& path);
// The same for a file's bytes; `name` starts every message.
Model parseOnnx(const std::string& bytes, const std::string& name);
// Converts a standard-ONNX autoencoder (e.g. torch.onnx.export of a model built from Conv,
// ConvTranspose, Linear, MaxPool2d, Upsample and the supported activations) into aecv form,
// folding each activation into the layer before it. cv::Exception naming any unsupported node.
Model importStandardOnnx(const std::string& path);
Model parseStandardOnnx(const std::string& bytes, const std::string& name);
// The same network in standard ONNX ops (Conv, ConvTranspose, Gemm, Relu, ...), for stock
// OpenCV and other runtimes.
void writeStandardOnnx(const Model& m, const std::string& path);
// The same as a file's bytes (cv::dnn::readNetFromONNX(bytes.data(), bytes.size()) reads them).
std::string toStandardOnnxBytes(const Model& m);

}  // namespace aecv::model
