import { useEffect, useState } from 'react';
import { Alert, Box, Button, Paper, TextField, Typography } from '@mui/material';
import { discovery, startPkceSignIn, storeToken, supportsPkce, type OidcConfiguration } from './auth';

/** Client id of the monitor at the issuer, for the code flow (a public client: no secret). */
const CLIENT_ID = 'jobstream-monitor';

export function SignIn({ error, onToken }: { error?: string; onToken: (token: string) => void }) {
  const [pasted, setPasted] = useState('');
  const [oidc, setOidc] = useState<OidcConfiguration | null>(null);
  const [problem, setProblem] = useState<string>();

  useEffect(() => { void discovery().then(setOidc); }, []);

  const usePasted = () => {
    storeToken(pasted);
    onToken(pasted.trim());
  };

  return (
    <Box sx={{ display: 'flex', justifyContent: 'center', mt: 6 }}>
      <Paper sx={{ p: 3, width: 560 }}>
        <Typography variant="h5" gutterBottom>Sign in</Typography>
        {error && <Alert severity="warning" sx={{ mb: 2 }}>{error}</Alert>}
        {problem && <Alert severity="error" sx={{ mb: 2 }}>{problem}</Alert>}
        <Typography variant="body2" sx={{ mb: 2 }}>
          On the local stack, open the link that <code>./jobstream up</code> prints, or paste a bearer
          token (<code>./jobstream token --user alice --vo lhcb --group lhcb_user</code>).
        </Typography>
        <TextField label="Bearer token" fullWidth multiline minRows={3} value={pasted}
          slotProps={{ htmlInput: { 'data-testid': 'token-input' } }}
          onChange={(e) => setPasted(e.target.value)} />
        <Box sx={{ mt: 2, display: 'flex', gap: 1 }}>
          <Button variant="contained" disabled={!pasted.trim()} onClick={usePasted} data-testid="token-submit">
            Use this token
          </Button>
          {oidc && supportsPkce(oidc) && (
            <Button variant="outlined"
              onClick={() => startPkceSignIn(oidc, CLIENT_ID).catch((e: Error) => setProblem(e.message))}>
              Sign in with {new URL(oidc.issuer).host}
            </Button>
          )}
        </Box>
        {oidc && !supportsPkce(oidc) && (
          <Typography variant="caption" color="text.secondary" sx={{ display: 'block', mt: 2 }}>
            Issuer {oidc.issuer} publishes no authorization endpoint with PKCE: tokens come from the
            local stack's command line.
          </Typography>
        )}
      </Paper>
    </Box>
  );
}
