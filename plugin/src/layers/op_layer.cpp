// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
#include "layers/op_layer.hpp"

#include <algorithm>

#include "layers/op_factory.hpp"
#include "ops/bridge.hpp"

namespace aecv::layers {

OpLayer::OpLayer(const cv::dnn::LayerParams& params) : op_(makeOp(params)), inPlace_(runsInPlace(params.type)) {
    setParamsFrom(params);
}

bool OpLayer::getMemoryShapes(const std::vector<cv::dnn::MatShape>& inputs, int, std::vector<cv::dnn::MatShape>& outputs,
                              std::vector<cv::dnn::MatShape>&) const {
    // While importing a model with dynamic dimensions, OpenCV asks with 0 for unknown sizes:
    // answer with the input's shape, the real one comes once an input is set.
    const bool unknown = std::any_of(inputs.begin(), inputs.end(), [](const cv::dnn::MatShape& s) {
        return std::any_of(s.begin(), s.end(), [](int d) { return d <= 0; });
    });
    if (unknown && static_cast<int>(inputs.size()) == op_->inputCount()) {
        outputs.assign(1, inputs[0]);
        return false;
    }
    outputs.assign(1, checkedOutputShape(*op_, type, name, inputs));
    return inPlace_;
}

bool OpLayer::tryFuse(cv::Ptr<cv::dnn::Layer>& top) {
    if (!op_->chainable() || op_->chainsInPlace() || op_->inputCount() != 1) return false;
    cv::Ptr<OpLayer> next = top.dynamicCast<OpLayer>();
    if (!next || !next->op_->chainable() || next->op_->inputCount() != 1) return false;
    chain_.push_back(next);
    plans_.clear();
    return true;
}

void OpLayer::finalize(cv::InputArrayOfArrays, cv::OutputArrayOfArrays) {
    chain_.clear();
    plans_.clear();
}

OpLayer::ChainPlan& OpLayer::chainPlan(const ops::Shape& in) {
    const dnnl::memory::data_type precision = ops::inferenceType();
    return plans_.get([&](const ChainPlan& p) { return p.in == in && p.precision == precision; }, ops::planPixels(in),
                      [&] { return prepareChain(in, precision); });
}

std::unique_ptr<OpLayer::ChainPlan> OpLayer::prepareChain(const ops::Shape& in, dnnl::memory::data_type precision) {
    auto p = std::make_unique<ChainPlan>();
    p->in = in;
    p->precision = precision;
    dnnl::memory::desc layout = ops::plainDesc(in);
    p->src = dnnl::memory(layout, ops::cpuEngine(), DNNL_MEMORY_NONE);
    ops::Shape shape = in;
    // The first step reads cv::dnn's blob; every later one a tensor of the chain only it reads.
    bool overwrite = false;
    auto add = [&](ops::Op& op) {
        p->steps.push_back(op.chainPrepare({shape}, {layout}, overwrite));
        layout = p->steps.back()->output();
        shape = op.outputShape({shape});
        overwrite = true;
    };
    add(*op_);
    for (const cv::Ptr<OpLayer>& layer : chain_) add(*layer->op_);
    p->dst = dnnl::memory(ops::plainDesc(shape), ops::cpuEngine(), DNNL_MEMORY_NONE);
    p->toPlain = ops::makeReorder(layout, p->dst.get_desc());
    return p;
}

void OpLayer::runChain(const cv::Mat& input, cv::Mat& output) {
    ChainPlan& p = chainPlan(ops::shapeOf(input));
    dnnl::stream& s = ops::cpuStream();
    p.src.set_data_handle(input.data);
    dnnl::memory m = p.src;
    for (const std::unique_ptr<ops::ChainStep>& step : p.steps) m = step->run(s, m);
    p.dst.set_data_handle(output.data);
    p.toPlain.execute(s, m, p.dst);
    s.wait();
}

void OpLayer::forward(cv::InputArrayOfArrays inputs, cv::OutputArrayOfArrays outputs, cv::OutputArrayOfArrays) {
    inputs.getMatVector(in_);
    outputs.getMatVector(out_);
    try {
        if (!chain_.empty()) {
            ops::requireTensor(in_[0], (type + " input").c_str());
            runChain(in_[0], out_[0]);
            return;
        }
        cv::Mat result = out_[0];
        op_->forward(in_, result, ops::Phase::Inference);
        if (result.data != out_[0].data) result.copyTo(out_[0]);  // ops that return a view of their input
    } catch (const cv::Exception& e) {
        CV_Error(e.code, cv::format("%s node '%s': %s", type.c_str(), name.c_str(), e.err.c_str()));
    } catch (const dnnl::error& e) {  // a cv::Exception like every other refusal
        CV_Error(cv::Error::StsError, cv::format("%s node '%s': oneDNN: %s", type.c_str(), name.c_str(), e.what()));
    }
}

cv::Ptr<cv::dnn::Layer> createOpLayer(cv::dnn::LayerParams& params) {
    return cv::Ptr<cv::dnn::Layer>(std::make_shared<OpLayer>(params));
}

}  // namespace aecv::layers
