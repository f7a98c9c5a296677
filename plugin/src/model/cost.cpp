// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
#include "model/cost.hpp"

#include "model/graph.hpp"

namespace aecv::model {

std::vector<NodeCost> costs(const Model& m, const ops::Shape& input) {
    const auto shapes = inferShapes(m, input);
    std::vector<NodeCost> out;
    for (const Node& n : m.nodes) {
        NodeCost c{n.name, n.op, shapes.at(n.output)};
        for (const cv::Mat& w : n.weights) c.params += static_cast<int64_t>(w.total());
        const double outputs = static_cast<double>(ops::elementCount(c.output));
        if (n.op == "Conv" || n.op == "Dense") {
            // every output element: one MAC per weight feeding it (weights / output channels)
            const cv::Mat& w = n.weights.at(0);
            c.flops = 2.0 * outputs * static_cast<double>(w.total()) / w.size[0];
        } else if (n.op == "ConvTranspose") {
            // every input element scatters into (OC / groups) * KH * KW outputs
            const cv::Mat& w = n.weights.at(0);
            const double inputs = static_cast<double>(ops::elementCount(shapes.at(n.inputs.at(0))));
            c.flops = 2.0 * inputs * static_cast<double>(w.total()) / w.size[0];
        } else if (n.op != "Reshape" && n.op != "Slice") {  // (Slice: a view where it can)
            c.flops = outputs;  // element-wise work
        }
        out.push_back(c);
    }
    return out;
}

}  // namespace aecv::model
