// aecv: autoencoders for OpenCV.
#include "checkpoint.hpp"

#include <cstdio>
#include <cstring>
#include <fstream>

#include <opencv2/core.hpp>

namespace aecv::train {

namespace {

constexpr char kMagic[8] = {'A', 'E', 'C', 'V', 'C', 'K', 'P', 'T'};
constexpr uint32_t kVersion = 1;

class Writer {
public:
    explicit Writer(std::ofstream& out) : out_(out) {}
    template <typename T> void pod(const T& v) { out_.write(reinterpret_cast<const char*>(&v), sizeof v); }
    template <typename T> void vec(const std::vector<T>& v) {
        pod(static_cast<uint64_t>(v.size()));
        out_.write(reinterpret_cast<const char*>(v.data()), static_cast<std::streamsize>(v.size() * sizeof(T)));
    }
    void str(const std::string& s) { vec(std::vector<char>(s.begin(), s.end())); }

private:
    std::ofstream& out_;
};

class Reader {
public:
    Reader(std::ifstream& in, const std::string& path) : in_(in), path_(path) {}
    template <typename T> T pod() {
        T v{};
        bytes(&v, sizeof v);
        return v;
    }
    template <typename T> std::vector<T> vec() {
        const uint64_t n = pod<uint64_t>();
        if (n > (uint64_t{1} << 34) / sizeof(T))
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
        in_.read(static_cast<char*>(p), static_cast<std::streamsize>(n));
        if (static_cast<size_t>(in_.gcount()) != n)
            CV_Error(cv::Error::StsParseError, cv::format("checkpoint '%s' is truncated", path_.c_str()));
    }

private:
    std::ifstream& in_;
    const std::string& path_;
};

}  // namespace

void writeCheckpoint(const Checkpoint& c, const std::string& path) {
    const std::string tmp = path + ".tmp";
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        if (!out) CV_Error(cv::Error::StsError, cv::format("cannot write checkpoint '%s'", tmp.c_str()));
        Writer w(out);
        out.write(kMagic, sizeof kMagic);
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
        out.flush();
        if (!out) {
            out.close();
            std::remove(tmp.c_str());
            CV_Error(cv::Error::StsError, cv::format("cannot write checkpoint '%s' (disk full?); the previous "
                     "checkpoint is kept", tmp.c_str()));
        }
    }
    if (std::rename(tmp.c_str(), path.c_str()) != 0) {
        std::remove(tmp.c_str());
        CV_Error(cv::Error::StsError, cv::format("cannot rename '%s' to '%s'", tmp.c_str(), path.c_str()));
    }
}

Checkpoint readCheckpoint(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) CV_Error(cv::Error::StsError, cv::format("cannot open checkpoint '%s'", path.c_str()));
    Reader r(in, path);
    char magic[sizeof kMagic];
    r.bytes(magic, sizeof magic);
    if (std::memcmp(magic, kMagic, sizeof kMagic) != 0)
        CV_Error(cv::Error::StsParseError, cv::format("'%s' is not an aecv checkpoint", path.c_str()));
    const uint32_t version = r.pod<uint32_t>();
    if (version != kVersion)
        CV_Error(cv::Error::StsParseError, cv::format("checkpoint '%s' has version %u; this aecv-train reads "
                 "version %u", path.c_str(), version, kVersion));
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
    return c;
}

}  // namespace aecv::train
