using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OkrRollout.Web.Data;
using OkrRollout.Web.Domain;
using OkrRollout.Web.Import;
using OkrRollout.Web.Security;

namespace OkrRollout.Web.Pages.People.Import;

/// <summary>Step 1 of 3: upload. A file with any error is rejected here, with every error listed, and nothing is stored.</summary>
[Authorize(Policy = Policies.Ambassador)]
[RequestSizeLimit(MaxRequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxRequestBytes)]
public class IndexModel(AppDbContext db, PeopleImporter importer, IConfiguration configuration, TimeProvider clock) : PageModel
{
    private const long MaxRequestBytes = 64 * 1024 * 1024;
    public const int MaxErrorsShown = 500;

    [BindProperty]
    public IFormFile? Upload { get; set; }

    [BindProperty]
    public bool DeactivateMissing { get; set; }

    public List<ImportError> Errors { get; } = [];
    public long MaxFileBytes => PeopleImportLimits.MaxFileBytes(configuration);

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (Upload is null || Upload.Length == 0)
        {
            Errors.Add(new ImportError(null, null, Upload is null ? ImportMessages.NoFile : ImportMessages.EmptyFile));
            return Page();
        }
        if (Upload.Length > MaxFileBytes)
        {
            Errors.Add(new ImportError(null, null, ImportMessages.TooLarge, Upload.Length, MaxFileBytes));
            return Page();
        }

        using var buffer = new MemoryStream((int)Upload.Length);
        await Upload.CopyToAsync(buffer, cancellationToken);
        var content = buffer.ToArray();
        var plan = await importer.PlanAsync(PeopleCsvReader.Read(content, MaxFileBytes), DeactivateMissing, cancellationToken);
        if (!plan.IsValid)
        {
            Errors.AddRange(plan.Errors);
            return Page();
        }

        var import = new PeopleImport
        {
            Id = Guid.NewGuid(),
            FileName = Path.GetFileName(Upload.FileName),
            Content = content,
            DeactivateMissing = DeactivateMissing,
            UploadedBy = User.Identity!.Name!,
            UploadedAtUtc = clock.GetUtcNow().UtcDateTime,
            Status = PeopleImportStatus.Previewed,
        };
        db.PeopleImports.Add(import);
        await db.SaveChangesAsync(cancellationToken);
        return RedirectToPage("/People/Import/Preview", new { id = import.Id });
    }
}
