// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
// A Model's nodes as ops: the one path from stored attributes to configured ops (makeOp()), used
// by cv::dnn (through OpenCV's importer) and by aecv's own executors alike.
#pragma once

#include <memory>

#include <opencv2/dnn.hpp>

#include "model/model.hpp"
#include "ops/op.hpp"
#include "ops/sequence.hpp"

namespace aecv::model {

// The LayerParams OpenCV's ONNX importer builds for this node.
cv::dnn::LayerParams toLayerParams(const Node& n);
// The node's op, configured, weights bound to the node's (no copy); cv::Exception naming the node.
std::unique_ptr<ops::Op> createOp(const Node& n);
// The shape of every tensor of the model for an input of shape `input`.
std::map<std::string, ops::Shape> inferShapes(const Model& m, const ops::Shape& input);
// The stored input shape with unknown sizes filled in (batch 1, spatial 64).
ops::Shape concreteInputShape(const Model& m);
// Whether the model runs as one ops::Sequence: one 4-D input, nodes that chain (Conv,
// ConvTranspose, MaxPool, Upsample, Activation, Slice) or Add, an activation only where it may
// work in place (nothing reads its input afterwards).
bool runsAsSequence(const Model& m);

// A model's graph as tensor indices, the convention of ops::Sequence: tensor 0 is the graph
// input, node i writes tensor i + 1 and reads the tensors `inputs[i]`. The executors (Runnable,
// the trainer's TrainGraph) wire their tensors by these indices, not by name. cv::Exception when
// a node reads a tensor no earlier node produces or writes a name already written.
struct Wiring {
    explicit Wiring(const Model& m);
    // The index of the tensor `name`; cv::Exception (StsObjectNotFound) naming it if none.
    int index(const std::string& name) const;
    std::vector<std::vector<int>> inputs;  // per node
    std::map<std::string, int> byName;     // every tensor's index
};

// A model runsAsSequence() accepts, ready to run: its ops (weights bound to the model's, which
// must outlive this) and its graph as a Sequence over them. A node may write over its input 0
// only where no later node and no graph output reads those channels of that memory (a Slice
// views its input's channels; an activation, or an Add allowed to, writes over its input), and
// never over the graph input.
struct Runnable {
    explicit Runnable(const Model& m);
    ~Runnable();
    std::vector<std::unique_ptr<ops::Op>> ops;  // one per node
    std::unique_ptr<ops::Sequence> sequence;
    std::vector<int> outputs;                   // the tensors of m.outputs, in its order
};

// Unique node names, every input produced before use, outputs that exist, every node loadable
// with consistent shapes. `where` (a file name) starts each message.
void validate(const Model& m, const std::string& where);

}  // namespace aecv::model
