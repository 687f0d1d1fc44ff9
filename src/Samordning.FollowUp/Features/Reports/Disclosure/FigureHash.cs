using System.Buffers;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Samordning.FollowUp.Features.Reports.Trends;

namespace Samordning.FollowUp.Features.Reports.Disclosure;

/// <summary>
/// A SHA-256 of everything a report or a trend holds, as the masks' key (<see cref="YearMaskMemo"/>):
/// the whole object is written as JSON straight into the hash, never into a string or an array. The
/// JSON is the source-generated writer's (no reflection, no converter stack), with enums as numbers:
/// it is never read back, only hashed, so it only has to hold every value. Per process.
/// </summary>
internal static class FigureHash
{
    public static byte[] Of(TertialReport report) => Of(report, FigureHashJson.Default.TertialReport);

    public static byte[] Of(ReportTrend trend) => Of(trend, FigureHashJson.Default.ReportTrend);

    private static byte[] Of<T>(T value, JsonTypeInfo<T> type)
    {
        using var sink = new HashingWriter();
        using (var json = new Utf8JsonWriter(sink, new JsonWriterOptions { SkipValidation = true }))
        {
            JsonSerializer.Serialize(json, value, type);
        }

        return sink.Finish();
    }

    /// <summary>Hands the JSON writer one buffer, hashing what it wrote each time it asks for more room.</summary>
    private sealed class HashingWriter : IBufferWriter<byte>, IDisposable
    {
        private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        private byte[] _buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        private int _written;

        public void Advance(int count) => _written += count;

        public Memory<byte> GetMemory(int sizeHint = 0) => _buffer.AsMemory(Room(sizeHint));

        public Span<byte> GetSpan(int sizeHint = 0) => _buffer.AsSpan(Room(sizeHint));

        public byte[] Finish()
        {
            Flush();
            return _hash.GetHashAndReset();
        }

        public void Dispose()
        {
            _hash.Dispose();
            ArrayPool<byte>.Shared.Return(_buffer);
        }

        private int Room(int sizeHint)
        {
            var needed = Math.Max(sizeHint, 1);
            if (_buffer.Length - _written < needed)
            {
                Flush();
                if (_buffer.Length < needed)
                {
                    ArrayPool<byte>.Shared.Return(_buffer);
                    _buffer = ArrayPool<byte>.Shared.Rent(needed);
                }
            }

            return _written;
        }

        private void Flush()
        {
            _hash.AppendData(_buffer, 0, _written);
            _written = 0;
        }
    }
}

[JsonSourceGenerationOptions(GenerationMode = JsonSourceGenerationMode.Serialization)]
[JsonSerializable(typeof(TertialReport))]
[JsonSerializable(typeof(ReportTrend))]
internal sealed partial class FigureHashJson : JsonSerializerContext;
