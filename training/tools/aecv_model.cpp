// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
// aecv-model: inspect and convert aecv model files.
//   aecv-model info FILE [--input N,C,H,W]     architecture, shapes, parameters, FLOPs, metadata
//   aecv-model export-standard IN OUT          the same network in standard ONNX ops
//   aecv-model import-standard IN OUT          a standard-ONNX autoencoder in aecv form
//   aecv-model create PRESET OUT [--seed N]    a preset's network with its initial (untrained) weights
//   aecv-model set-metadata IN OUT KEY=VALUE... the same model with metadata set (VALUE empty: removed),
//                                              e.g. a watermark remover's mask_ramp chosen after training
#include <aecv/aecv.hpp>

#include <boost/program_options.hpp>
#include <fmt/format.h>

#include <iostream>
#include <sstream>

#include "cli.hpp"
#include "model/cost.hpp"
#include "model/graph.hpp"
#include "presets.hpp"

namespace po = boost::program_options;
using namespace aecv;

namespace {

using cli::UsageError;

ops::Shape parseShape(const std::string& text) {
    ops::Shape s;
    std::stringstream in(text);
    std::string item;
    while (std::getline(in, item, ',')) {
        size_t used = 0;
        try {
            s.push_back(std::stoi(item, &used));
        } catch (const std::exception&) {
            used = 0;
        }
        if (used == 0 || used != item.size())
            throw UsageError("--input '" + text + "' is not a comma-separated list of sizes, e.g. 1,3,480,640");
        if (s.back() < 1 || s.back() > 1000000)
            throw UsageError(cv::format("--input '%s': size %zu is %d; expected 1 to 1000000", text.c_str(), s.size(),
                                        s.back()));
    }
    return s;
}

std::string shapeText(const ops::Shape& s) {
    std::string out;
    for (size_t i = 0; i < s.size(); ++i) out += (i ? "x" : "") + std::to_string(s[i]);
    return out;
}

void info(const std::string& file, const std::string& input) {
    const model::Model m = model::readOnnx(file);
    const ops::Shape in = input.empty() ? model::concreteInputShape(m) : parseShape(input);
    fmt::print("{}\n  input  {} {}\n", file, m.input, shapeText(in));
    fmt::print("  {:<14} {:<20} {:<16} {:>10} {:>12}\n", "node", "op", "output", "params", "MFLOP");
    int64_t params = 0;
    double flops = 0;
    for (const model::NodeCost& c : model::costs(m, in)) {
        const model::Node& n = m.node(c.name);
        const std::string op = n.getString("activation", "identity") == "identity"
                                   ? c.op : c.op + "+" + n.getString("activation", "");
        fmt::print("  {:<14} {:<20} {:<16} {:>10} {:>12.3f}\n", c.name, op, shapeText(c.output), c.params,
                   c.flops / 1e6);
        params += c.params;
        flops += c.flops;
    }
    fmt::print("  total: {} parameters, {:.3f} GFLOP per forward\n", params, flops / 1e9);
    fmt::print("  outputs: ");
    for (size_t i = 0; i < m.outputs.size(); ++i) fmt::print("{}{}", i ? ", " : "", m.outputs[i]);
    fmt::print("\n  metadata:\n");
    for (const auto& [key, value] : m.metadata) fmt::print("    {} = {}\n", key, value);
}

int run(int argc, char** argv) {
    po::options_description options("aecv-model: inspect and convert aecv model files\n\n"
                                     "usage: aecv-model info FILE [--input N,C,H,W]\n"
                                     "       aecv-model export-standard IN OUT\n"
                                     "       aecv-model import-standard IN OUT\n"
                                     "       aecv-model create PRESET OUT [--seed N]\n"
                                     "       aecv-model set-metadata IN OUT KEY=VALUE...\n\noptions");
    options.add_options()
        ("help,h", "show this help")
        ("input", po::value<std::string>()->default_value(""),
         "info: input shape to cost the model at, e.g. 1,3,480,640 (default: the stored shape)")
        ("seed", po::value<uint64_t>()->default_value(42), "create: seed of the initial weights")
        ("command", po::value<std::string>(), "info | export-standard | import-standard | create | set-metadata")
        ("files", po::value<std::vector<std::string>>()->default_value({}, ""), "model file(s)");
    po::positional_options_description positional;
    positional.add("command", 1).add("files", -1);
    const po::variables_map vm = aecv::cli::parseOptions(argc, argv, options, positional);
    if (vm.count("help") || !vm.count("command")) {
        std::cout << options << "\n";
        return vm.count("help") ? 0 : 2;
    }
    const std::string command = vm["command"].as<std::string>();
    const auto files = vm["files"].as<std::vector<std::string>>();
    aecv::registerLayers();
    if (command == "info") {
        if (files.size() != 1) throw UsageError("info takes one model file");
        info(files[0], vm["input"].as<std::string>());
    } else if (command == "export-standard") {
        if (files.size() != 2) throw UsageError("export-standard takes an input and an output file");
        model::writeStandardOnnx(model::readOnnx(files[0]), files[1]);
        fmt::print("wrote {} (standard ONNX)\n", files[1]);
    } else if (command == "import-standard") {
        if (files.size() != 2) throw UsageError("import-standard takes an input and an output file");
        const model::Model m = model::importStandardOnnx(files[0]);
        model::writeOnnx(m, files[1]);
        fmt::print("wrote {} (aecv, {} nodes)\n", files[1], m.nodes.size());
    } else if (command == "create") {
        if (files.size() != 2) throw UsageError("create takes a preset name and an output file");
        model::Model m = train::makeRecipe(files[0], vm["seed"].as<uint64_t>()).model;
        m.metadata["recipe"] = fmt::format("aecv-model create {} {} --seed {}", files[0], files[1],
                                           vm["seed"].as<uint64_t>());
        model::writeOnnx(m, files[1]);
        fmt::print("wrote {} ({}, untrained, {} nodes)\n", files[1], files[0], m.nodes.size());
    } else if (command == "set-metadata") {
        if (files.size() < 3) throw UsageError("set-metadata takes an input file, an output file and KEY=VALUE pairs");
        model::Model m = model::readOnnx(files[0]);
        for (size_t i = 2; i < files.size(); ++i) {
            const size_t eq = files[i].find('=');
            if (eq == 0 || eq == std::string::npos)
                throw UsageError("set-metadata: '" + files[i] + "' is not KEY=VALUE");
            const std::string key = files[i].substr(0, eq), value = files[i].substr(eq + 1);
            if (value.empty()) m.metadata.erase(key);
            else m.metadata[key] = value;
        }
        model::writeOnnx(m, files[1]);
        fmt::print("wrote {} ({} metadata entries)\n", files[1], m.metadata.size());
    } else {
        throw UsageError("unknown command '" + command +
                         "'; expected info, export-standard, import-standard, create or set-metadata");
    }
    return 0;
}

}  // namespace

int main(int argc, char** argv) { return aecv::cli::guardedMain("aecv-model", [&] { return run(argc, argv); }); }
