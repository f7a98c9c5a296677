// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
// Registration: ONNX node (domain aecv, op X) -> OpenCV layer type "aecv.X" -> an OpLayer over makeOp();
// "aecv.Graph": a whole model in one layer (GraphLayer, what aecv::readNet builds where it can).
#include <aecv/aecv.hpp>

#include <mutex>

#include "layers/graph_layer.hpp"
#include "layers/log_filter.hpp"
#include "layers/op_factory.hpp"
#include "layers/op_layer.hpp"

namespace aecv {

namespace {

std::mutex registryMutex;
bool registered = false;

}  // namespace

void registerLayers() {
    std::lock_guard<std::mutex> lock(registryMutex);
    if (registered) return;
    for (const std::string& type : layers::opTypes()) cv::dnn::LayerFactory::registerLayer(type, &layers::createOpLayer);
    cv::dnn::LayerFactory::registerLayer("aecv.Graph", &layers::createGraphLayer);
    layers::installDomainWarningFilter();
    registered = true;
}

void unregisterLayers() {
    std::lock_guard<std::mutex> lock(registryMutex);
    if (!registered) return;
    for (const std::string& type : layers::opTypes()) cv::dnn::LayerFactory::unregisterLayer(type);
    cv::dnn::LayerFactory::unregisterLayer("aecv.Graph");
    layers::removeDomainWarningFilter();
    registered = false;
}

std::vector<std::string> layerTypes() {
    return layers::opTypes();
}

}  // namespace aecv
