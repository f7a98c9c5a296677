// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
// OpLayer: a cv::dnn::Layer that runs one aecv op (inference phase) on the blobs cv::dnn passes;
// the op comes from makeOp() (layers/op_factory.hpp), like everywhere else.
#pragma once

#include <memory>

#include <opencv2/dnn.hpp>

#include "ops/dnnl_context.hpp"
#include "ops/op.hpp"
#include "ops/plan_cache.hpp"

namespace aecv::layers {

class OpLayer : public cv::dnn::Layer {
public:
    // The op of `params` (makeOp()); cv::Exception naming the node for a bad one.
    explicit OpLayer(const cv::dnn::LayerParams& params);

    bool getMemoryShapes(const std::vector<cv::dnn::MatShape>& inputs, int requiredOutputs,
                         std::vector<cv::dnn::MatShape>& outputs,
                         std::vector<cv::dnn::MatShape>& internals) const override;
    void forward(cv::InputArrayOfArrays inputs, cv::OutputArrayOfArrays outputs,
                 cv::OutputArrayOfArrays internals) override;

    // Chains: OpenCV offers this layer its single consumer; a chainable aecv layer absorbs it
    // (and, offered again, the consumer's consumer...). The chain runs as one sequence of oneDNN
    // primitives, tensors in their preferred layouts, one reorder back to NCHW at the end.
    // OpenCV only offers layers whose output nobody else reads, and graph outputs (the code, the
    // reconstruction) always have another reader, so a chain never swallows them.
    bool tryFuse(cv::Ptr<cv::dnn::Layer>& top) override;
    // Called at every Net set-up before fusion: forget the chain fused last time.
    void finalize(cv::InputArrayOfArrays inputs, cv::OutputArrayOfArrays outputs) override;

    size_t chainLength() const { return chain_.size(); }  // absorbed layers

private:
    // The chain's steps for one input shape and precision, and the reorder of its result back
    // to NCHW.
    struct ChainPlan {
        ops::Shape in;
        dnnl::memory::data_type precision;
        std::vector<std::unique_ptr<ops::ChainStep>> steps;
        dnnl::memory src, dst;
        dnnl::reorder toPlain;
    };
    ChainPlan& chainPlan(const ops::Shape& in);  // kept ones bounded (ops::PlanCache)
    std::unique_ptr<ChainPlan> prepareChain(const ops::Shape& in, dnnl::memory::data_type precision);
    void runChain(const cv::Mat& input, cv::Mat& output);

    std::unique_ptr<ops::Op> op_;
    bool inPlace_;
    std::vector<cv::Mat> in_, out_;  // reused headers: no allocation per forward
    std::vector<cv::Ptr<OpLayer>> chain_;
    ops::PlanCache<ChainPlan> plans_;
};

// cv::dnn's constructor for every aecv layer type (registerLayers()).
cv::Ptr<cv::dnn::Layer> createOpLayer(cv::dnn::LayerParams& params);

}  // namespace aecv::layers
