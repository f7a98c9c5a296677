// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
#include "ops/op.hpp"

namespace aecv::ops {

void Op::checkFinite() {
    for (Param* p : params()) requireFinite(p->value, std::string(type()) + " parameter '" + p->name + "'");
}

std::vector<Shape> Op::inputShapes(const std::vector<cv::Mat>& inputs) const {
    if (static_cast<int>(inputs.size()) != inputCount())
        CV_Error(cv::Error::StsBadArg, cv::format("%s got %zu inputs; expected %d", type(), inputs.size(),
                                                  inputCount()));
    std::vector<Shape> shapes;
    for (const cv::Mat& m : inputs) {
        requireTensor(m, (std::string(type()) + " input").c_str());
        shapes.push_back(shapeOf(m));
    }
    return shapes;
}

void Op::requireGradShape(const cv::Mat& dOutput, const cv::Mat& output) const {
    requireShape(dOutput, shapeOf(output), (std::string(type()) + " output gradient").c_str());
}

std::unique_ptr<ChainStep> Op::chainPrepare(const std::vector<Shape>&, const std::vector<dnnl::memory::desc>&, bool) {
    CV_Error(cv::Error::StsNotImplemented, cv::format("%s cannot run inside a oneDNN chain", type()));
}

Param makeParam(std::string name, const Shape& s) {
    Param p{std::move(name), makeTensor(s), makeTensor(s)};
    p.value.setTo(0);
    p.grad.setTo(0);
    return p;
}

}  // namespace aecv::ops
