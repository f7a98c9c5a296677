// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
#include "checkpoint.hpp"

#include <zlib.h>

#include <cstring>

#include <opencv2/core.hpp>

#include "model/atomic_file.hpp"
#include "model/proto_util.hpp"

namespace aecv::train {

namespace {

constexpr char kMagic[8] = {'A', 'E', 'C', 'V', 'C', 'K', 'P', 'T'};
constexpr uint32_t kVersion = 2;  // 2: CRC-32 of everything before it at the end

class Writer {
public:
    template <typename T> void pod(const T& v) { out_.append(reinterpret_cast<const char*>(&v), sizeof v); }
    template <typename T> void vec(const std::vector<T>& v) {
        pod(static_cast<uint64_t>(v.size()));
        out_.append(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(T));
    }
    void str(const std::string& s) { vec(std::vector<char>(s.begin(), s.end())); }
    void raw(const char* p, size_t n) { out_.append(p, n); }
    const std::string& bytes() const { return out_; }

private:
    std::string out_;
};

class Reader {
public:
    Reader(const std::string& data, size_t end, const std::string& path) : data_(data), end_(end), path_(path) {}
    template <typename T> T pod() {
        T v{};
        bytes(&v, sizeof v);
        return v;
    }
    template <typename T> std::vector<T> vec() {
        const uint64_t n = pod<uint64_t>();
        if (n > (end_ - pos_) / sizeof(T))
            CV_Error(cv::Error::StsParseError, cv::format("checkpoint '%s' is corrupt (a field claims %llu items)",
                     path_.c_str(), static_cast<unsigned long long>(n)));
        std::vector<T> v(n);
        bytes(v.data(), n * sizeof(T));
        return v;
    }
    std::string str() {
        const std::vector<char> c = vec<char>();
        return std::string(c.begin(), c.end());
    }
    void bytes(void* p, size_t n) {
        if (n > end_ - pos_) CV_Error(cv::Error::StsParseError, cv::format("checkpoint '%s' is truncated", path_.c_str()));
        std::memcpy(p, data_.data() + pos_, n);
        pos_ += n;
    }
    bool done() const { return pos_ == end_; }

private:
    const std::string& data_;
    size_t end_, pos_ = 0;
    const std::string& path_;
};

uint32_t crc32Of(const std::string& data, size_t n) {
    return static_cast<uint32_t>(::crc32(0L, reinterpret_cast<const Bytef*>(data.data()), static_cast<uInt>(n)));
}

}  // namespace

void writeCheckpoint(const Checkpoint& c, const std::string& path) {
    Writer w;
    w.raw(kMagic, sizeof kMagic);
    w.pod(kVersion);
    w.str(c.preset);
    w.pod(c.seed);
    w.pod(c.epochsDone);
    w.pod(c.bestEpoch);
    w.pod(c.bestLoss);
    w.vec(c.rngStates);
    w.pod(c.optimizerSteps);
    w.pod(static_cast<uint64_t>(c.moments.size()));
    for (const auto& m : c.moments) w.vec(m);
    w.vec(c.values);
    w.vec(c.bestValues);
    w.vec(c.history);
    w.pod(crc32Of(w.bytes(), w.bytes().size()));
    try {
        model::writeFileAtomically(path, w.bytes());
    } catch (const cv::Exception& e) {
        CV_Error(e.code, cv::format("checkpoint: %s", e.err.c_str()));
    }
}

Checkpoint readCheckpoint(const std::string& path) {
    const std::string data = model::readFileBytes(path, "checkpoint");
    Reader header(data, data.size(), path);
    char magic[sizeof kMagic];
    header.bytes(magic, sizeof magic);
    if (std::memcmp(magic, kMagic, sizeof kMagic) != 0)
        CV_Error(cv::Error::StsParseError, cv::format("'%s' is not an aecv checkpoint", path.c_str()));
    const uint32_t version = header.pod<uint32_t>();
    if (version != kVersion)
        CV_Error(cv::Error::StsParseError, cv::format("checkpoint '%s' has version %u; this aecv-train reads "
                 "version %u", path.c_str(), version, kVersion));
    uint32_t stored = 0;
    if (data.size() < sizeof kMagic + sizeof version + sizeof stored)
        CV_Error(cv::Error::StsParseError, cv::format("checkpoint '%s' is truncated", path.c_str()));
    const size_t end = data.size() - sizeof stored;
    std::memcpy(&stored, data.data() + end, sizeof stored);
    if (stored != crc32Of(data, end))
        CV_Error(cv::Error::StsParseError, cv::format("checkpoint '%s' is corrupt (its CRC-32 does not match)",
                 path.c_str()));

    Reader r(data, end, path);
    r.bytes(magic, sizeof magic);
    r.pod<uint32_t>();
    Checkpoint c;
    c.preset = r.str();
    c.seed = r.pod<uint64_t>();
    c.epochsDone = r.pod<int32_t>();
    c.bestEpoch = r.pod<int32_t>();
    c.bestLoss = r.pod<double>();
    c.rngStates = r.vec<uint64_t>();
    c.optimizerSteps = r.pod<int64_t>();
    const uint64_t moments = r.pod<uint64_t>();
    if (moments > 8) CV_Error(cv::Error::StsParseError, cv::format("checkpoint '%s' is corrupt", path.c_str()));
    c.moments.resize(moments);
    for (auto& m : c.moments) m = r.vec<float>();
    c.values = r.vec<float>();
    c.bestValues = r.vec<float>();
    c.history = r.vec<EpochStats>();
    if (!r.done()) CV_Error(cv::Error::StsParseError, cv::format("checkpoint '%s' is corrupt (extra bytes)", path.c_str()));
    return c;
}

}  // namespace aecv::train
