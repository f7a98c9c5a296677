// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
#include "warm_start.hpp"

#include <map>

#include "ops/tensor.hpp"

namespace aecv::train {

namespace {

std::string shapeText(const cv::Mat& m) {
    std::string s;
    for (int d = 0; d < m.dims; ++d) s += (d ? "x" : "") + std::to_string(m.size[d]);
    return s;
}

bool sameShape(const cv::Mat& a, const cv::Mat& b) { return a.type() == b.type() && ops::shapeOf(a) == ops::shapeOf(b); }

// A Conv weight [O, C, kh, kw] whose source has another number of input channels C' and the rest
// equal: more inputs (a noise-level map added) or fewer (the denoiser's map dropped, as the
// watermark remover starts from the denoiser).
bool resizedInput(const model::Node& n, const cv::Mat& to, const cv::Mat& from) {
    if (n.op != "Conv" || to.dims != 4 || to.type() != from.type()) return false;
    ops::Shape widened = ops::shapeOf(from);
    if (widened.size() != 4 || widened[1] == to.size[1]) return false;
    widened[1] = to.size[1];
    return widened == ops::shapeOf(to);
}

// A ConvTranspose weight [C, O, kh, kw] or its bias [1, O] whose source has fewer outputs O' < O
// and the rest equal: a layer given more output channels (the watermark remover's mask).
bool grownOutput(const model::Node& n, const cv::Mat& to, const cv::Mat& from) {
    if (n.op != "ConvTranspose" || to.type() != from.type() || to.dims != from.dims || to.dims < 2) return false;
    ops::Shape widened = ops::shapeOf(from);
    if (widened[1] >= to.size[1]) return false;
    widened[1] = to.size[1];
    return widened == ops::shapeOf(to);
}

}  // namespace

std::string warmStart(model::Model& target, const model::Model& source, const std::string& sourceName) {
    std::map<std::string, const model::Node*> byName;
    for (const model::Node& n : source.nodes) byName[n.name] = &n;
    int layers = 0, taken = 0;
    std::string grown, fresh;
    for (model::Node& n : target.nodes) {
        if (n.weights.empty()) continue;
        ++layers;
        const auto found = byName.find(n.name);
        const model::Node* from = found == byName.end() ? nullptr : found->second;
        std::string why;
        if (!from) why = "not in it";
        else if (from->op != n.op) why = from->op + ", not " + n.op;
        else if (from->weights.size() != n.weights.size()) why = "another number of weights";
        for (size_t k = 0; why.empty() && k < n.weights.size(); ++k) {
            const cv::Mat& to = n.weights[k];
            const cv::Mat& w = from->weights[k];
            if (!sameShape(to, w) && !(k == 0 && resizedInput(n, to, w)) && !grownOutput(n, to, w))
                why = shapeText(w) + ", not " + shapeText(to);
        }
        if (!why.empty()) {
            fresh += (fresh.empty() ? "" : ", ") + n.name + " (" + why + ")";
            continue;
        }
        for (size_t k = 0; k < n.weights.size(); ++k) {
            cv::Mat& to = n.weights[k];
            const cv::Mat& w = from->weights[k];
            if (sameShape(to, w)) {
                w.copyTo(to);
                continue;
            }
            // Conv [O, C', kh, kw] into [O, C, kh, kw]: each output's filters for the first
            // min(C', C) input channels, zero for new ones; ConvTranspose [C, O', kh, kw] into [C, O, kh, kw]
            // (and its bias): the old outputs' filters, the new outputs keep their fresh ones
            const bool output = grownOutput(n, to, w);
            const int outputs = to.size[0], oldC = w.size[1], newC = to.size[1];
            const int k2 = to.dims == 4 ? to.size[2] * to.size[3] : 1;
            if (!output) to.setTo(0);
            const int kept = output ? oldC : std::min(oldC, newC);
            for (int o = 0; o < outputs; ++o)
                std::copy_n(w.ptr<float>() + static_cast<size_t>(o) * oldC * k2, static_cast<size_t>(kept) * k2,
                            to.ptr<float>() + static_cast<size_t>(o) * newC * k2);
            if (k == 0)
                grown += (grown.empty() ? "" : ", ") + n.name + " " + std::to_string(oldC) + " -> " +
                         std::to_string(newC) + (output ? " output channels (the new ones start fresh)"
                                                 : newC > oldC ? " input channels (the new ones start at zero)"
                                                               : " input channels (the first taken)");
        }
        ++taken;
    }
    if (taken == 0)
        CV_Error(cv::Error::StsBadArg, cv::format("--init '%s': none of its layers matches this preset's by name, "
                 "op and shape (%s)", sourceName.c_str(), fresh.c_str()));
    std::string line = cv::format("initialised %d of %d layers from %s", taken, layers, sourceName.c_str());
    if (!grown.empty()) line += "; " + grown;
    if (!fresh.empty()) line += "; fresh weights: " + fresh;
    return line + "\n";
}

}  // namespace aecv::train
