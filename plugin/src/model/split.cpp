// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
#include "model/split.hpp"

#include <set>

#include "model/graph.hpp"

namespace aecv::model {

std::string decoderInput(const Model& m) {
    for (const Node& n : m.nodes)
        if (n.op == "Sampling") return n.output;
    auto it = m.metadata.find("code");
    if (it == m.metadata.end() || it->second.empty())
        CV_Error(cv::Error::StsBadArg, "the model's metadata names no code tensor ('code'); it cannot encode or decode");
    return it->second;
}

Model decoderOf(const Model& m, const std::string& code) {
    Model d;
    d.input = code;
    const ops::Shape shape = inferShapes(m, concreteInputShape(m)).at(code);
    d.inputShape = shape;
    d.inputShape[0] = 1;
    d.metadata = m.metadata;
    d.metadata["code"] = code;
    std::set<std::string> available{code};
    for (const Node& n : m.nodes) {
        const bool reachable = std::any_of(n.inputs.begin(), n.inputs.end(),
                                           [&](const std::string& in) { return available.count(in) != 0; });
        if (!reachable) continue;
        for (const std::string& in : n.inputs)
            if (!available.count(in))
                CV_Error(cv::Error::StsBadArg, cv::format("decoder node '%s' also reads '%s' from the encoder; this "
                         "model cannot decode codes alone", n.name.c_str(), in.c_str()));
        d.nodes.push_back(n);
        available.insert(n.output);
    }
    if (!available.count(m.outputs.at(0)))
        CV_Error(cv::Error::StsBadArg, cv::format("output '%s' does not depend on the code '%s'",
                 m.outputs[0].c_str(), code.c_str()));
    d.outputs = {m.outputs[0]};
    return d;
}

}  // namespace aecv::model
