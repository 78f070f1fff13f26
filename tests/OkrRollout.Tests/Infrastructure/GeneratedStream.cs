namespace OkrRollout.Tests.Infrastructure;

/// <summary>
/// A read-only stream of <paramref name="length"/> bytes made as they are read, so a test of a
/// 500 MB upload holds none of it; <see cref="BytesRead"/> tells how far the reader went.
/// <paramref name="chunk"/> caps what one read returns (1 for a stream that trickles).
/// </summary>
public sealed class GeneratedStream(long length, Func<long, byte> generate, int chunk = int.MaxValue) : Stream
{
    public long BytesRead { get; private set; }

    private byte[]? _prefix;
    private byte _repeated;

    /// <summary>A prefix, then one byte repeated.</summary>
    public static GeneratedStream Of(string prefix, char repeated, long length)
    {
        var start = System.Text.Encoding.UTF8.GetBytes(prefix);
        return new GeneratedStream(length, i => i < start.Length ? start[i] : (byte)repeated) { _prefix = start, _repeated = (byte)repeated };
    }

    public override int Read(Span<byte> buffer)
    {
        var count = (int)Math.Min(Math.Min(buffer.Length, chunk), length - BytesRead);
        if (_prefix is not null && BytesRead >= _prefix.Length)
        {
            buffer[..count].Fill(_repeated);
        }
        else
        {
            for (var i = 0; i < count; i++)
            {
                buffer[i] = generate(BytesRead + i);
            }
        }
        BytesRead += count;
        return count;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => length;
    public override long Position { get => BytesRead; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
