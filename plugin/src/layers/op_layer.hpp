// aecv: autoencoders for OpenCV.
// OpLayer: a cv::dnn::Layer that runs one aecv op (inference phase) on the blobs cv::dnn passes.
// The per-op adapters (<op>_layer.cpp) only turn LayerParams into the op's config.
#pragma once

#include <functional>
#include <memory>

#include <opencv2/dnn.hpp>

#include "ops/op.hpp"

namespace aecv::layers {

class OpLayer : public cv::dnn::Layer {
public:
    // `inPlace`: the output may share the input's memory (reshape, activations).
    OpLayer(const cv::dnn::LayerParams& params, std::unique_ptr<ops::Op> op, bool inPlace = false);

    bool getMemoryShapes(const std::vector<cv::dnn::MatShape>& inputs, int requiredOutputs,
                         std::vector<cv::dnn::MatShape>& outputs,
                         std::vector<cv::dnn::MatShape>& internals) const override;
    void forward(cv::InputArrayOfArrays inputs, cv::OutputArrayOfArrays outputs,
                 cv::OutputArrayOfArrays internals) override;

    ops::Op& op() { return *op_; }

private:
    std::unique_ptr<ops::Op> op_;
    bool inPlace_;
    std::vector<cv::Mat> in_, out_;  // reused headers: no allocation per forward
};

// The layer running `op` for this node.
cv::Ptr<cv::dnn::Layer> makeLayer(const cv::dnn::LayerParams& params, std::unique_ptr<ops::Op> op,
                                  bool inPlace = false);

// Runs `make` and re-throws any cv::Exception with the node named first:
// "aecv.Conv node 'enc1': <what went wrong>".
cv::Ptr<cv::dnn::Layer> createNamed(const cv::dnn::LayerParams& params,
                                    const std::function<cv::Ptr<cv::dnn::Layer>()>& make);

}  // namespace aecv::layers

namespace aecv::ops {
class WeightedOp;
}

namespace aecv::layers {

// Points the op's weight and bias at the node's blobs 0 and 1 (no copy), checking their shapes.
void bindWeights(ops::WeightedOp& op, const cv::dnn::LayerParams& params);

}  // namespace aecv::layers
