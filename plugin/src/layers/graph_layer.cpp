// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
#include "layers/graph_layer.hpp"

#include <algorithm>

#include "model/model.hpp"
#include "model/split.hpp"
#include "ops/bridge.hpp"

namespace aecv::layers {

struct GraphLayer::Plan {
    ops::Shape in;
    dnnl::memory::data_type precision;
    ops::Sequence::Plan graph;
    dnnl::memory input;  // cv::dnn's blob, NCHW
    struct Output {
        int tensor = 0;
        dnnl::memory blob;  // cv::dnn's output blob, NCHW
        dnnl::reorder toBlob;
    };
    std::vector<Output> outputs;
};

GraphLayer::GraphLayer(const cv::dnn::LayerParams& params)
    : model_(model::parseOnnx(params.get<std::string>("model"), params.name)),
      graph_(std::make_unique<model::Runnable>(model_)) {
    setParamsFrom(params);
}

GraphLayer::~GraphLayer() = default;

bool GraphLayer::getMemoryShapes(const std::vector<cv::dnn::MatShape>& inputs, int, std::vector<cv::dnn::MatShape>& outputs,
                                 std::vector<cv::dnn::MatShape>&) const {
    if (inputs.size() != 1)
        CV_Error(cv::Error::StsBadArg, cv::format("aecv graph '%s' has %zu inputs; expected 1", name.c_str(),
                 inputs.size()));
    outputs.clear();
    // While OpenCV sets up a net with unknown sizes it asks with 0: answer with the input's shape.
    if (std::any_of(inputs[0].begin(), inputs[0].end(), [](int d) { return d <= 0; })) {
        outputs.assign(model_.outputs.size(), inputs[0]);
        return false;
    }
    const std::map<std::string, ops::Shape> shapes = model::inferShapes(model_, inputs[0]);
    for (const std::string& out : model_.outputs) {
        outputs.push_back(shapes.at(out));
        ops::requireSizeable(outputs.back(), out.c_str());
    }
    return false;
}

GraphLayer::Plan& GraphLayer::plan(const ops::Shape& in) {
    const dnnl::memory::data_type precision = ops::inferenceType();
    return plans_.get([&](const Plan& p) { return p.in == in && p.precision == precision; }, ops::planPixels(in),
                      [&] { return prepare(in, precision); });
}

std::unique_ptr<GraphLayer::Plan> GraphLayer::prepare(const ops::Shape& in, dnnl::memory::data_type precision) {
    auto p = std::make_unique<Plan>();
    p->in = in;
    p->precision = precision;
    p->input = dnnl::memory(ops::plainDesc(in), ops::cpuEngine(), DNNL_MEMORY_NONE);
    p->graph = graph_->sequence->plan(in, p->input.get_desc());
    for (const int t : graph_->outputs) {
        Plan::Output o;
        o.tensor = t;
        o.blob = dnnl::memory(ops::plainDesc(p->graph.shapes[static_cast<size_t>(t)]), ops::cpuEngine(), DNNL_MEMORY_NONE);
        o.toBlob = ops::makeReorder(p->graph.descs[static_cast<size_t>(t)], o.blob.get_desc());
        p->outputs.push_back(std::move(o));
    }
    return p;
}

void GraphLayer::forward(cv::InputArrayOfArrays inputs, cv::OutputArrayOfArrays outputs, cv::OutputArrayOfArrays) {
    inputs.getMatVector(in_);
    outputs.getMatVector(out_);
    try {
        CV_Assert(in_.size() == 1 && out_.size() == model_.outputs.size());
        ops::requireTensor(in_[0], "aecv graph input");
        Plan& p = plan(ops::shapeOf(in_[0]));
        dnnl::stream& s = ops::cpuStream();
        p.input.set_data_handle(in_[0].data);
        graph_->sequence->run(p.graph, s, p.input);
        for (size_t i = 0; i < p.outputs.size(); ++i) {
            Plan::Output& o = p.outputs[i];
            CV_Assert(ops::shapeOf(out_[i]) == p.graph.shapes[static_cast<size_t>(o.tensor)] && out_[i].isContinuous());
            o.blob.set_data_handle(out_[i].data);
            o.toBlob.execute(s, p.graph.tensors[static_cast<size_t>(o.tensor)], o.blob);
        }
        s.wait();
    } catch (const cv::Exception& e) {
        CV_Error(e.code, cv::format("aecv graph '%s': %s", name.c_str(), e.err.c_str()));
    } catch (const dnnl::error& e) {  // a cv::Exception like every other refusal
        CV_Error(cv::Error::StsError, cv::format("aecv graph '%s': oneDNN: %s", name.c_str(), e.what()));
    }
}

cv::Ptr<cv::dnn::Layer> createGraphLayer(cv::dnn::LayerParams& params) {
    return cv::Ptr<cv::dnn::Layer>(std::make_shared<GraphLayer>(params));
}

cv::dnn::Net graphNet(const model::Model& m) {
    CV_Assert(model::runsAsSequence(m));
    cv::dnn::LayerParams lp;
    // One output: the layer carries its name (no Identity layer after it); several: see below.
    lp.name = m.outputs.size() == 1 ? m.outputs[0] : "aecv_graph";
    lp.type = "aecv.Graph";
    lp.set("model", model::toOnnxBytes(m));
    cv::dnn::Net net;
    const int id = net.addLayer(lp.name, lp.type, lp);
    net.connect(0, 0, id, 0);
    net.setInputsNames({m.input});
    // Each output becomes an Identity layer of its name; the main one last, so that forward()
    // (which runs to the last layer) gives it.
    for (size_t i = m.outputs.size(); i-- > 0;) net.registerOutput(m.outputs[i], id, static_cast<int>(i));
    return net;
}

}  // namespace aecv::layers
