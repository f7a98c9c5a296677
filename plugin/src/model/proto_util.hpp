// aecv: autoencoders for OpenCV.
// Small helpers over libonnx's protobuf classes, shared by the aecv writer and the standard export.
#pragma once

#include <onnx/onnx_pb.h>

#include <string>

#include "model/model.hpp"

namespace aecv::model {

// A ModelProto with producer, opset imports (ai.onnx 13, plus `customDomain` when not empty) and metadata.
onnx::ModelProto newModelProto(const Model& m, const std::string& customDomain);
void setAttr(onnx::NodeProto& node, const std::string& key, const Attr& value);
void addInitializer(onnx::GraphProto& graph, const std::string& name, const cv::Mat& tensor,
                    const ops::Shape& shape);
// Graph input with the model's input shape; graph outputs with their inferred shapes, the main
// output (m.outputs[0]) last so that cv::dnn::Net::forward() returns it. Validates the model first.
void addGraphInputOutputs(onnx::GraphProto& graph, const Model& m);
// Parses an ONNX file: cv::Exception naming the file when it cannot be opened or parsed.
onnx::ModelProto readModelProto(const std::string& path);
// Graph outputs list the main output last (see addGraphInputOutputs); Model::outputs lists it first.
void mainOutputFirst(std::vector<std::string>& graphOutputs);
// Runs onnx::checker::check_model (cv::Exception on failure), then writes `path` atomically.
void checkAndWrite(const onnx::ModelProto& proto, const std::string& path);

}  // namespace aecv::model
