// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
#include "train_graph.hpp"

#include <algorithm>

#include "ops/sampling.hpp"

namespace aecv::train {

TrainGraph::TrainGraph(const model::Model& m, const std::vector<std::pair<std::string, std::string>>& tied)
    : model_(m), wiring_(model_), tensors_(model_.nodes.size() + 1), grads_(model_.nodes.size() + 1) {
    for (model::Node& n : model_.nodes) {
        for (cv::Mat& w : n.weights) w = w.clone();  // ours to train
        owned_.push_back(model::createOp(n));
        ops_.push_back(owned_.back().get());
        dInputs_.emplace_back(n.inputs.size());
    }
    auto weightOf = [&](const std::string& node) {
        for (size_t i = 0; i < ops_.size(); ++i)
            if (model_.nodes[i].name == node && model_.nodes[i].op == "Dense") return ops_[i]->params().at(0);
        CV_Error(cv::Error::StsBadArg, cv::format("cannot tie weights: no Dense node '%s'", node.c_str()));
    };
    for (const auto& [decoder, encoder] : tied) {
        ops::Param* d = weightOf(decoder);
        ops::Param* e = weightOf(encoder);
        if (d->value.size[0] != e->value.size[1] || d->value.size[1] != e->value.size[0])
            CV_Error(cv::Error::StsUnmatchedSizes, cv::format("cannot tie '%s' to '%s': their weights are not "
                     "transposes of each other's shape", decoder.c_str(), encoder.c_str()));
        tied_.emplace_back(d, e);
        tiedNames_.push_back(decoder + ".weight");
    }
}

std::vector<std::string> TrainGraph::tiedWeights() const { return tiedNames_; }

std::vector<std::pair<std::string, ops::Op*>> TrainGraph::parameterised() {
    std::vector<std::pair<std::string, ops::Op*>> out;
    for (size_t i = 0; i < ops_.size(); ++i)
        if (!ops_[i]->params().empty()) out.emplace_back(model_.nodes[i].name, ops_[i]);
    return out;
}

std::vector<cv::RNG*> TrainGraph::generators() {
    std::vector<cv::RNG*> out;
    for (size_t i = 0; i < ops_.size(); ++i)
        if (model_.nodes[i].op == "Sampling") out.push_back(&static_cast<ops::Sampling*>(ops_[i])->rng());
    return out;
}

void TrainGraph::forward(const cv::Mat& input, ops::Phase phase) {
    for (auto& [decoder, encoder] : tied_) {
        cv::transpose(encoder->value, decoder->value);  // in place: same shape every step
        for (ops::Op* op : ops_) op->weightsChanged();
    }
    tensors_[0] = input;
    std::vector<cv::Mat> ins;
    for (size_t i = 0; i < ops_.size(); ++i) {
        ins.clear();
        for (int k : wiring_.inputs[i]) ins.push_back(tensors_[static_cast<size_t>(k)]);
        ops_[i]->forward(ins, tensors_[i + 1], phase);
    }
}

void TrainGraph::weightsChanged() {
    for (ops::Op* op : ops_) op->weightsChanged();
}

const cv::Mat& TrainGraph::tensor(const std::string& name) const {
    return tensors_[static_cast<size_t>(wiring_.index(name))];
}

void TrainGraph::backward(const std::map<std::string, cv::Mat>& seeds,
                          const std::function<void(const std::string& node)>& done) {
    for (auto& [decoder, encoder] : tied_) decoder->grad.setTo(0);
    for (cv::Mat& g : grads_) g.release();
    for (const auto& [name, g] : seeds) grads_[static_cast<size_t>(wiring_.index(name))] = g;
    std::vector<cv::Mat> ins;
    for (size_t i = ops_.size(); i-- > 0;) {
        const cv::Mat& g = grads_[i + 1];
        if (g.empty()) continue;  // nothing downstream reaches a loss
        const std::vector<int>& from = wiring_.inputs[i];
        const bool onlyInput = std::all_of(from.begin(), from.end(), [](int k) { return k == 0; });
        ins.clear();
        for (int k : from) ins.push_back(tensors_[static_cast<size_t>(k)]);
        std::vector<cv::Mat>& d = dInputs_[i];
        std::vector<cv::Mat> none;
        ops_[i]->backward(ins, tensors_[i + 1], g, onlyInput ? none : d);
        if (done) done(model_.nodes[i].name);
        if (onlyInput) continue;
        for (size_t k = 0; k < from.size(); ++k) {
            if (from[k] == 0) continue;  // the graph input gets no gradient
            cv::Mat& slot = grads_[static_cast<size_t>(from[k])];
            // A second reader of the same tensor: sum (into the first contribution's buffer,
            // which nothing reads again this step).
            if (slot.empty()) slot = d[k];
            else slot += d[k];
        }
    }
    // One parameter: the decoder's gradient, transposed, adds to the encoder's.
    cv::Mat transposed;
    for (auto& [decoder, encoder] : tied_) {
        cv::transpose(decoder->grad, transposed);
        encoder->grad += transposed;
    }
}

model::Model TrainGraph::snapshot() const {
    for (const auto& [decoder, encoder] : tied_) cv::transpose(encoder->value, decoder->value);
    model::Model m = model_;
    for (size_t i = 0; i < ops_.size(); ++i) {
        const std::vector<ops::Param*> params = ops_[i]->params();
        m.nodes[i].weights.clear();
        for (const ops::Param* p : params) m.nodes[i].weights.push_back(p->value.clone());
    }
    return m;
}

}  // namespace aecv::train
