def dir = new File(basedir, 'src/main/java/it/migrations')
def revision = new File(dir, 'AddPhoneToUsers.java')
assert revision.isFile() : 'divemap:revision wrote AddPhoneToUsers.java'
assert revision.text.contains('id = "0003_add_phone_to_users"')
assert revision.text.contains('revises = "0002_email"')
assert revision.text.contains('message = "Add phone to users"')
def merge = new File(dir, 'MergeHeads.java')
assert merge.isFile() : 'divemap:merge wrote MergeHeads.java'
assert merge.text.contains('revises = {"0002_reports", "0003_add_phone_to_users"}')
def log = new File(basedir, 'build.log').text
assert log.contains('Now at: 0004_merge_heads')
assert log.contains('0002_reports, 0003_add_phone_to_users -> 0004_merge_heads')
