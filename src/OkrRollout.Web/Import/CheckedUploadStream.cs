using System.Text;

namespace OkrRollout.Web.Import;

/// <summary>
/// An uploaded file as <see cref="PeopleCsvReader"/> reads it, checked as the bytes go by so that it
/// is never held whole. At the first problem (more than the limit, a NUL byte of a binary file,
/// bytes that are not UTF-8, a row longer than <see cref="PeopleImportLimits.MaxRowBytes"/>) it
/// reads nothing more from the upload, reports the end of the input, and <see cref="Problem"/> says why.
/// </summary>
internal sealed class CheckedUploadStream(Stream upload, long maxBytes) : Stream
{
    private readonly Decoder _utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetDecoder();
    private readonly char[] _decoded = new char[4096];
    private byte[] _peeked = [];
    private int _peekedOffset;
    private int _peekedCount;
    private long _position;
    private bool _ended;
    private int _line = 1;
    private int _rowLine = 1;
    private int _rowBytes;
    private bool _inQuotes;
    private bool _afterCarriageReturn;

    public ImportError? Problem { get; private set; }

    /// <summary>Whether anything but white space (and a byte order mark) came by.</summary>
    public bool SawText { get; private set; }

    /// <summary>The first line (without reading it twice from the upload), for what the reader must know before it starts.</summary>
    public ReadOnlySpan<byte> PeekFirstLine()
    {
        _peeked = new byte[PeopleImportLimits.MaxRowBytes + 1];
        while (_peekedCount < _peeked.Length && _peeked.AsSpan(0, _peekedCount).IndexOfAny((byte)'\n', (byte)'\r') < 0)
        {
            var read = ReadChecked(_peeked.AsSpan(_peekedCount));
            if (read == 0)
            {
                break;
            }
            _peekedCount += read;
        }
        var line = _peeked.AsSpan(0, _peekedCount);
        var end = line.IndexOfAny((byte)'\n', (byte)'\r');
        return end < 0 ? line : line[..end];
    }

    public override int Read(Span<byte> buffer)
    {
        if (TakePeeked(buffer) is var peeked and > 0)
        {
            return peeked;
        }
        return ReadChecked(buffer);
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    private bool Stopped => Problem is not null || _ended;

    private int TakePeeked(Span<byte> buffer)
    {
        var count = Math.Min(buffer.Length, _peekedCount - _peekedOffset);
        if (count <= 0)
        {
            return 0;
        }
        _peeked.AsSpan(_peekedOffset, count).CopyTo(buffer);
        _peekedOffset += count;
        return count;
    }

    private int ReadChecked(Span<byte> buffer)
    {
        if (Stopped || buffer.IsEmpty)
        {
            return 0;
        }
        var read = upload.Read(buffer[..Wanted(buffer.Length)]);
        return Check(buffer[..read]);
    }

    // One byte past the limit tells that the file is over it; nothing beyond that is read.
    private int Wanted(int room) => room <= maxBytes - _position ? room : (int)(maxBytes - _position + 1);

    private int Check(ReadOnlySpan<byte> bytes)
    {
        var start = _position;
        _position += bytes.Length;
        if (_position > maxBytes)
        {
            return Stop(new ImportError(null, null, ImportMessages.TooLarge, maxBytes));
        }
        if (bytes.IsEmpty)
        {
            _ended = true;
            // A character cut off by the end of the file is not UTF-8 either.
            return IsUtf8(bytes, flush: true) ? 0 : Stop(new ImportError(null, null, ImportMessages.NotUtf8));
        }
        if (bytes.Contains((byte)0))
        {
            return Stop(new ImportError(null, null, ImportMessages.Binary));
        }
        if (!IsUtf8(bytes, flush: false))
        {
            return Stop(new ImportError(null, null, ImportMessages.NotUtf8));
        }
        if (!RowsFit(bytes))
        {
            return Stop(new ImportError(_rowLine, null, ImportMessages.LineTooLong, _rowLine, PeopleImportLimits.MaxRowBytes));
        }
        SawText = SawText || HasText(bytes, start);
        return bytes.Length;
    }

    private int Stop(ImportError problem)
    {
        Problem ??= problem;
        return 0;
    }

    private bool IsUtf8(ReadOnlySpan<byte> bytes, bool flush)
    {
        try
        {
            do
            {
                _utf8.Convert(bytes, _decoded, flush, out var used, out _, out _);
                bytes = bytes[used..];
            }
            while (!bytes.IsEmpty);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    /// <summary>
    /// Counts the bytes of each row. A row ends at a line break (CR, LF or CRLF) outside quotes; an
    /// escaped quote ("") inside quotes toggles twice.
    /// </summary>
    private bool RowsFit(ReadOnlySpan<byte> bytes)
    {
        while (!bytes.IsEmpty)
        {
            var next = bytes.IndexOfAny("\"\n\r"u8);
            var run = next < 0 ? bytes.Length : next + 1;
            _rowBytes += run;
            if (_rowBytes > PeopleImportLimits.MaxRowBytes)
            {
                return false;
            }
            if (next != 0)
            {
                _afterCarriageReturn = false;
            }
            if (next >= 0)
            {
                var found = bytes[next];
                if (found == '"')
                {
                    _inQuotes = !_inQuotes;
                    _afterCarriageReturn = false;
                }
                else if (found == '\r' || !_afterCarriageReturn)
                {
                    LineBreak();
                    _afterCarriageReturn = found == '\r';
                }
                else
                {
                    _afterCarriageReturn = false;
                }
            }
            bytes = bytes[run..];
        }
        return true;
    }

    private void LineBreak()
    {
        _line++;
        if (!_inQuotes)
        {
            _rowBytes = 0;
            _rowLine = _line;
        }
    }

    private static bool HasText(ReadOnlySpan<byte> bytes, long start)
    {
        var preamble = Encoding.UTF8.Preamble;
        var from = 0;
        while (from < bytes.Length && start + from < preamble.Length && bytes[from] == preamble[(int)start + from])
        {
            from++;
        }
        return bytes[from..].IndexOfAnyExcept(" \t\r\n"u8) >= 0;
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => _position; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
