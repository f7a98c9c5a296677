// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
// GraphLayer: a whole aecv model as one cv::dnn layer, run through ops::Sequence (the image
// filters' executor): skip connections and all, every tensor in its primitive's layout, the
// blob cv::dnn passes read where it lies, one reorder to NCHW per graph output. aecv::readNet()
// builds a Net of it (graphNet()) for models that run as one sequence; plain
// cv::dnn::readNetFromONNX() keeps building one OpLayer per node.
#pragma once

#include <memory>
#include <vector>

#include <opencv2/dnn.hpp>

#include "model/graph.hpp"
#include "ops/plan_cache.hpp"

namespace aecv::layers {

class GraphLayer : public cv::dnn::Layer {
public:
    // params: string "model", the model as aecv ONNX bytes (graphNet() sets it).
    explicit GraphLayer(const cv::dnn::LayerParams& params);
    ~GraphLayer() override;

    bool getMemoryShapes(const std::vector<cv::dnn::MatShape>& inputs, int requiredOutputs,
                         std::vector<cv::dnn::MatShape>& outputs,
                         std::vector<cv::dnn::MatShape>& internals) const override;
    void forward(cv::InputArrayOfArrays inputs, cv::OutputArrayOfArrays outputs,
                 cv::OutputArrayOfArrays internals) override;

private:
    struct Plan;
    Plan& plan(const ops::Shape& in);  // kept ones bounded (ops::PlanCache)
    std::unique_ptr<Plan> prepare(const ops::Shape& in, dnnl::memory::data_type precision);

    model::Model model_;
    std::unique_ptr<model::Runnable> graph_;
    ops::PlanCache<Plan> plans_;  // per input shape and precision
    std::vector<cv::Mat> in_, out_;  // reused headers
};

// cv::dnn's constructor for "aecv.Graph" (registerLayers()).
cv::Ptr<cv::dnn::Layer> createGraphLayer(cv::dnn::LayerParams& params);

// A Net running `m` (model::runsAsSequence()) as one GraphLayer, its outputs named as m's: forward()
// gives m.outputs[0], forward("code") the tensor "code" when it is an output. The layer is named
// after a sole output, else "aecv_graph" with an Identity layer per output.
cv::dnn::Net graphNet(const model::Model& m);

}  // namespace aecv::layers
