// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
// The registration table: ONNX node (domain aecv, op X) -> OpenCV layer type "aecv.X" -> constructor.
#include <aecv/aecv.hpp>

#include <mutex>

#include "layers/layers.hpp"
#include "layers/log_filter.hpp"

namespace aecv {

namespace {

struct Entry {
    const char* type;
    cv::dnn::LayerFactory::Constructor create;
};

const Entry kLayers[] = {
    {"aecv.Conv",          &layers::createConvLayer},
    {"aecv.ConvTranspose", &layers::createConvTransposeLayer},
    {"aecv.Dense",         &layers::createDenseLayer},
    {"aecv.MaxPool",       &layers::createMaxPoolLayer},
    {"aecv.Upsample",      &layers::createUpsampleLayer},
    {"aecv.Activation",    &layers::createActivationLayer},
    {"aecv.Add",           &layers::createAddLayer},
    {"aecv.Reshape",       &layers::createReshapeLayer},
    {"aecv.Sampling",      &layers::createSamplingLayer},
    {"aecv.Slice",         &layers::createSliceLayer},
};

std::mutex registryMutex;
bool registered = false;

}  // namespace

void registerLayers() {
    std::lock_guard<std::mutex> lock(registryMutex);
    if (registered) return;
    for (const Entry& e : kLayers) cv::dnn::LayerFactory::registerLayer(e.type, e.create);
    layers::installDomainWarningFilter();
    registered = true;
}

void unregisterLayers() {
    std::lock_guard<std::mutex> lock(registryMutex);
    if (!registered) return;
    for (const Entry& e : kLayers) cv::dnn::LayerFactory::unregisterLayer(e.type);
    layers::removeDomainWarningFilter();
    registered = false;
}

cv::dnn::LayerFactory::Constructor layers::constructorFor(const std::string& op) {
    const std::string type = "aecv." + op;
    for (const Entry& e : kLayers)
        if (type == e.type) return e.create;
    CV_Error(cv::Error::StsNotImplemented, cv::format("unknown aecv op '%s'", op.c_str()));
}

std::vector<std::string> layerTypes() {
    std::vector<std::string> types;
    for (const Entry& e : kLayers) types.emplace_back(e.type);
    return types;
}

}  // namespace aecv
