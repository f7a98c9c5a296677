// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
#include "train_graph.hpp"

#include "model/graph.hpp"
#include "ops/sampling.hpp"

namespace aecv::train {

TrainGraph::TrainGraph(const model::Model& m, const std::vector<std::pair<std::string, std::string>>& tied)
    : model_(m) {
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
    tensors_[model_.input] = input;
    std::vector<cv::Mat> ins;
    for (size_t i = 0; i < ops_.size(); ++i) {
        const model::Node& n = model_.nodes[i];
        ins.clear();
        for (const std::string& name : n.inputs) ins.push_back(tensors_.at(name));
        ops_[i]->forward(ins, tensors_[n.output], phase);
    }
}

void TrainGraph::weightsChanged() {
    for (ops::Op* op : ops_) op->weightsChanged();
}

const cv::Mat& TrainGraph::tensor(const std::string& name) const {
    auto it = tensors_.find(name);
    if (it == tensors_.end())
        CV_Error(cv::Error::StsObjectNotFound, cv::format("the graph has no tensor '%s'", name.c_str()));
    return it->second;
}

void TrainGraph::backward(const std::map<std::string, cv::Mat>& seeds,
                          const std::function<void(const std::string& node)>& done) {
    for (auto& [decoder, encoder] : tied_) decoder->grad.setTo(0);
    grads_.clear();
    for (const auto& [name, g] : seeds) grads_[name] = g;
    std::vector<cv::Mat> ins;
    for (size_t i = ops_.size(); i-- > 0;) {
        const model::Node& n = model_.nodes[i];
        auto g = grads_.find(n.output);
        if (g == grads_.end()) continue;  // nothing downstream reaches a loss
        const bool onlyInput = std::all_of(n.inputs.begin(), n.inputs.end(),
                                           [&](const std::string& in) { return in == model_.input; });
        ins.clear();
        for (const std::string& name : n.inputs) ins.push_back(tensors_.at(name));
        std::vector<cv::Mat>& d = dInputs_[i];
        std::vector<cv::Mat> none;
        ops_[i]->backward(ins, tensors_.at(n.output), g->second, onlyInput ? none : d);
        if (done) done(n.name);
        if (onlyInput) continue;
        for (size_t k = 0; k < n.inputs.size(); ++k) {
            if (n.inputs[k] == model_.input) continue;
            auto [slot, added] = grads_.try_emplace(n.inputs[k], d[k]);
            // A second reader of the same tensor: sum (into the first contribution's buffer,
            // which nothing reads again this step).
            if (!added) slot->second += d[k];
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
